package dev.twilioconnector.emulator;

import java.util.List;

/**
 * What the application answered a text from a {@link Phone}.
 *
 * @param status     the webhook's HTTP status: 200, or e.g. 403 when it refused the signature
 * @param body       the answer as sent: TwiML on 200, else whatever the application said
 * @param messages   the texts of the TwiML's {@code <Message>}s, in order; empty for {@code <Response/>} or a refusal
 * @param messageSid the SID of the message the phone sent
 */
public record Reply(int status, String body, List<String> messages, String messageSid) {

    public Reply {
        messages = List.copyOf(messages);
    }

    /** Whether the webhook took the message (HTTP 200). */
    public boolean accepted() {
        return status == 200;
    }

    /** The reply's text: its {@code <Message>}s joined by line breaks, or {@code null} when it has none. */
    public String text() {
        return messages.isEmpty() ? null : String.join("\n", messages);
    }
}

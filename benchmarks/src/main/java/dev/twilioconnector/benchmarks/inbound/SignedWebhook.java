package dev.twilioconnector.benchmarks.inbound;

import dev.twilioconnector.emulator.TwilioEmulator;
import dev.twilioconnector.emulator.TwilioForms;
import dev.twilioconnector.emulator.WebhookSignature;

import java.net.URI;
import java.util.List;
import java.util.Map;

/** Posts incoming SMS to one endpoint as Twilio does: Twilio's form, signed with the account's token. */
public final class SignedWebhook {

    private final KeepAliveClient http;
    private final String url;
    private final TwilioEmulator twilio;

    public SignedWebhook(String url, TwilioEmulator twilio) {
        this.url = url;
        this.twilio = twilio;
        this.http = new KeepAliveClient(URI.create(url));
    }

    /** Posts a message from {@code from} to the account's number; the reply's body. Throws unless HTTP 200. */
    public String post(String messageSid, String from, String body) {
        Map<String, String> form = TwilioForms.incomingMessage(twilio.accountSid(), messageSid, from, twilio.number(), body, List.of());
        KeepAliveClient.Answer answer = http.post(WebhookSignature.sign(twilio.authToken(), url, form), TwilioForms.encode(form));
        if (answer.status() != 200) {
            throw new IllegalStateException(url + " answered " + answer.status() + ": " + answer.body());
        }
        return answer.body();
    }
}

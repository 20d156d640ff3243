package dev.twilioconnector.emulator;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A person's phone: {@link #text} sends the application an SMS the way Twilio delivers one, as
 * Twilio's form parameters POSTed to the application's webhook ({@link TwilioEmulator#incomingWebhook})
 * and signed with {@code X-Twilio-Signature}. The application's TwiML answer is the reply the person
 * gets. The text and every {@code <Message>} of the reply are recorded in {@link Messages}, the replies
 * as {@value Message#OUTBOUND_REPLY} messages to this phone.
 *
 * <p>As at Twilio, a text that is just an opt-out keyword ({@code STOP}, {@code START}, {@code HELP} and
 * their synonyms; not {@code YES}) is marked with {@code OptOutType}, and after {@code STOP} the
 * application's number may not text this phone (21610) until {@code START}.
 */
public final class Phone {

    private final TwilioEmulator emulator;
    private final String number;

    Phone(TwilioEmulator emulator, String number) {
        if (number == null || number.isBlank()) {
            throw new IllegalArgumentException("a phone needs a number");
        }
        this.emulator = emulator;
        this.number = number.trim();
    }

    public String number() {
        return number;
    }

    /** Texts {@code body} to the account's number and answers the application's reply. */
    public Reply text(String body) {
        return textTo(emulator.number(), body, List.of());
    }

    /** Like {@link #text(String)}, as an MMS with the given media URLs. */
    public Reply text(String body, List<String> mediaUrls) {
        return textTo(emulator.number(), body, mediaUrls);
    }

    /** Texts {@code applicationNumber}, a number of one of the emulator's accounts (else of its first). */
    public Reply textTo(String applicationNumber, String body, List<String> mediaUrls) {
        TwilioEmulator.IncomingWebhook webhook = emulator.incomingWebhookOrFail();
        Account account = emulator.accountOwning(applicationNumber);
        String text = body == null ? "" : body;
        String sid = Sids.message();
        Instant now = emulator.clock().instant();
        Map<String, String> form = TwilioForms.incomingMessage(account.sid(), sid, number, applicationNumber, text, mediaUrls);
        emulator.optOuts().texted(account.sid(), number, applicationNumber, text).ifPresent(type -> form.put("OptOutType", type));
        Messages messages = emulator.messages();
        messages.add(new Message(sid, account.sid(), Message.INBOUND, number, applicationNumber, text, Message.RECEIVED, null, null,
                mediaUrls, null, now, now, now, null));

        WebhookAnswer answer = new WebhookSender(account.authToken()).post(webhook.url(), webhook.signedUrl(), form);

        List<TwimlReply.Reply> replies = answer.status() == 200 ? TwimlReply.messages(answer.body()) : List.of();
        List<String> texts = replies.stream().map(TwimlReply.Reply::text).toList();
        messages.update(sid, message -> message.withReply(texts.isEmpty() ? null : String.join("\n", texts)));
        Instant answered = emulator.clock().instant();
        for (TwimlReply.Reply reply : replies) {
            messages.add(new Message(Sids.message(), account.sid(), Message.OUTBOUND_REPLY, applicationNumber,
                    reply.to() != null ? reply.to() : number, reply.text(), Message.SENT, null, null, reply.mediaUrls(), null,
                    answered, answered, answered, null));
        }
        return new Reply(answer.status(), answer.body(), texts, sid);
    }

    /** What this phone got from the application, through the API or as replies, oldest first. */
    public List<Message> received() {
        return emulator.messages().select(message -> message.isOutbound() && number.equals(message.to()));
    }

    @Override
    public String toString() {
        return "Phone[" + number + "]";
    }
}

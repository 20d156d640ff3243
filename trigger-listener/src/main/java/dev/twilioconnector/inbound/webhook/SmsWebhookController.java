package dev.twilioconnector.inbound.webhook;

import dev.twilioconnector.flowable.boot.TwilioProperties;
import dev.twilioconnector.flowable.inbound.WebhookReply;
import dev.twilioconnector.inbound.reception.Delivery;
import dev.twilioconnector.inbound.reception.SmsReception;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Optional;


/**
 * {@code POST /twilio/sms} (path from {@code twilio.webhook.path}): Twilio's form-encoded incoming
 * message in, TwiML out. A missing or wrong {@code X-Twilio-Signature} gets 403 and publishes nothing.
 * The answer comes within {@code twilio.webhook.answer-within}: a reply not ready by then is sent
 * through the REST API instead.
 */
@RestController
public class SmsWebhookController extends TwilioWebhook<InboundSms, WebhookReply> {

    public static final String SIGNATURE_HEADER = WebhookGuard.SIGNATURE_HEADER;
    public static final String INVALID_SIGNATURE = WebhookGuard.INVALID_SIGNATURE;
    public static final String MISSING_SID = "MessageSid is missing";
    public static final String MALFORMED_SID = "MessageSid is not a Twilio SID";
    private static final MediaType TEXT_XML = MediaType.parseMediaType("text/xml;charset=UTF-8");

    private final SmsReception reception;

    public SmsWebhookController(SmsReception reception, WebhookGuard guard, WebhookWorkers workers) {
        super(InboundSms::of, guard, workers);
        this.reception = reception;
    }

    @RequestMapping(path = "${twilio.webhook.path:" + TwilioProperties.Webhook.DEFAULT_PATH + "}")
    public ResponseEntity<String> receive(HttpServletRequest request) {
        return respond(request);
    }

    @Override
    String malformation(InboundSms sms) {
        if (sms.messageSid() == null || sms.messageSid().isBlank()) {
            return MISSING_SID;
        }
        return InboundSms.isWellFormedSid(sms.messageSid()) ? null : MALFORMED_SID;
    }

    @Override
    void handle(InboundSms sms, Delivery<WebhookReply> delivery) {
        reception.receive(sms, delivery);
    }

    /** The reply, or an empty answer when there is none or it was not ready in time (then it goes through the REST API). */
    @Override
    ResponseEntity<String> answer(Optional<WebhookReply> reply) {
        String twiml = reply.map(answer -> Twiml.reply(answer.text(), answer.mediaUrls())).orElseGet(() -> Twiml.reply(null));
        return ResponseEntity.ok().contentType(TEXT_XML).body(twiml);
    }
}

package dev.twilioconnector.inbound.webhook;

import dev.twilioconnector.flowable.boot.TwilioProperties;
import dev.twilioconnector.inbound.reception.Delivery;
import dev.twilioconnector.inbound.reception.SmsReception;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;


/**
 * {@code POST /twilio/sms} (path from {@code twilio.webhook.path}): Twilio's form-encoded incoming
 * message in, TwiML out. A missing or wrong {@code X-Twilio-Signature} gets 403 and publishes nothing.
 * The answer comes within {@code twilio.webhook.answer-within}: a reply not ready by then is sent
 * through the REST API instead.
 */
@RestController
public class SmsWebhookController {

    public static final String SIGNATURE_HEADER = WebhookGuard.SIGNATURE_HEADER;
    public static final String INVALID_SIGNATURE = WebhookGuard.INVALID_SIGNATURE;
    public static final String MISSING_SID = "MessageSid is missing";
    public static final String MALFORMED_SID = "MessageSid is not a Twilio SID";
    private static final MediaType TEXT_XML = MediaType.parseMediaType("text/xml;charset=UTF-8");

    private final SmsReception reception;
    private final WebhookGuard guard;
    private final WebhookWorkers workers;

    public SmsWebhookController(SmsReception reception, WebhookGuard guard, WebhookWorkers workers) {
        this.reception = reception;
        this.guard = guard;
        this.workers = workers;
    }

    /** Every method and media type comes to the guard first: whatever Twilio did not sign is 403, and logged as such. */
    @RequestMapping(path = "${twilio.webhook.path:" + TwilioProperties.Webhook.DEFAULT_PATH + "}")
    public ResponseEntity<String> receive(HttpServletRequest request) {
        WebhookGuard.Admission admission = guard.admit(request);
        if (admission instanceof WebhookGuard.Admission.Refused refused) {
            return refused.answer();
        }
        InboundSms sms = InboundSms.of(((WebhookGuard.Admission.Admitted) admission).form().firstValues());
        if (sms.messageSid() == null || sms.messageSid().isBlank()) {
            return guard.malformed(request, MISSING_SID);
        }
        if (!InboundSms.isWellFormedSid(sms.messageSid())) {
            return guard.malformed(request, MALFORMED_SID);
        }
        Delivery<String> delivery = new Delivery<>();
        if (!workers.run(() -> reception.receive(sms, delivery))) {
            return WebhookGuard.busy();
        }
        return ResponseEntity.ok().contentType(TEXT_XML).body(Twiml.reply(delivery.await(workers.answerWithin()).orElse(null)));
    }
}

package dev.twilioconnector.inbound.webhook;

import dev.twilioconnector.core.settings.Setting;
import dev.twilioconnector.inbound.reception.Delivery;
import dev.twilioconnector.inbound.reception.StatusReception;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;


/**
 * {@code POST /twilio/status} (path from {@code twilio.webhook.status-path}): Twilio's delivery reports
 * of outbound messages, published as {@code SMS_STATUS}. Signed like the message webhook. A report the
 * engine could not take is answered 500, so that it shows in Twilio's debugger; one still being
 * handled after {@code twilio.webhook.answer-within} is answered 503.
 */
@RestController
public class SmsStatusController {

    public static final String MISSING_FIELDS = "MessageSid and MessageStatus are required, as Twilio sends them";
    public static final String BUSY = "This report is still being handled";
    public static final String NOT_PUBLISHED = "The report could not be handed to the process engine";

    private final StatusReception reception;
    private final WebhookGuard guard;
    private final WebhookWorkers workers;

    public SmsStatusController(StatusReception reception, WebhookGuard guard, WebhookWorkers workers) {
        this.reception = reception;
        this.guard = guard;
        this.workers = workers;
    }

    /** Every method and media type comes to the guard first: whatever Twilio did not sign is 403, and logged as such. */
    @RequestMapping(path = "${twilio.webhook.status-path:" + Setting.Defaults.STATUS_PATH + "}")
    public ResponseEntity<String> report(HttpServletRequest request) {
        WebhookGuard.Admission admission = guard.admit(request);
        if (admission instanceof WebhookGuard.Admission.Refused refused) {
            return refused.answer();
        }
        DeliveryReport report = DeliveryReport.of(((WebhookGuard.Admission.Admitted) admission).form().firstValues());
        if (!report.isWellFormed()) {
            return guard.malformed(request, MISSING_FIELDS);
        }
        Delivery<StatusReception.Outcome> delivery = new Delivery<>();
        boolean started = workers.run(() -> {
            try {
                delivery.offer(reception.receive(report));
            } finally {
                delivery.offer(StatusReception.Outcome.FAILED);
            }
        });
        if (!started) {
            return WebhookGuard.busy();
        }
        // Not known in time: the work goes on, and a repeat finds it done.
        return switch (delivery.await(workers.answerWithin()).orElse(StatusReception.Outcome.BUSY)) {
            case PUBLISHED, REPEATED -> ResponseEntity.noContent().build();
            case BUSY -> ResponseEntity.status(503).contentType(MediaType.TEXT_PLAIN).body(BUSY);
            case FAILED -> ResponseEntity.status(500).contentType(MediaType.TEXT_PLAIN).body(NOT_PUBLISHED);
        };
    }
}

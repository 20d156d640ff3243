package dev.twilioconnector.inbound.webhook;

import dev.twilioconnector.core.settings.Setting;
import dev.twilioconnector.inbound.reception.Delivery;
import dev.twilioconnector.inbound.reception.StatusReception;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Optional;


/**
 * {@code POST /twilio/status} (path from {@code twilio.webhook.status-path}): Twilio's delivery reports
 * of outbound messages, published as {@code SMS_STATUS}. Signed like the message webhook. A report the
 * engine could not take is answered 500, so that it shows in Twilio's debugger; one still being
 * handled after {@code twilio.webhook.answer-within} is answered 503.
 */
@RestController
public class SmsStatusController extends TwilioWebhook<DeliveryReport, StatusReception.Outcome> {

    public static final String MISSING_FIELDS = "MessageSid and MessageStatus are required, as Twilio sends them";
    public static final String BUSY = "This report is still being handled";
    public static final String NOT_PUBLISHED = "The report could not be handed to the process engine";

    private final StatusReception reception;

    public SmsStatusController(StatusReception reception, WebhookGuard guard, WebhookWorkers workers) {
        super(DeliveryReport::of, guard, workers);
        this.reception = reception;
    }

    @RequestMapping(path = "${twilio.webhook.status-path:" + Setting.Defaults.STATUS_PATH + "}")
    public ResponseEntity<String> report(HttpServletRequest request) {
        return respond(request);
    }

    @Override
    String malformation(DeliveryReport report) {
        return report.isWellFormed() ? null : MISSING_FIELDS;
    }

    @Override
    void handle(DeliveryReport report, Delivery<StatusReception.Outcome> delivery) {
        try {
            delivery.offer(reception.receive(report));
        } finally {
            delivery.offer(StatusReception.Outcome.FAILED);
        }
    }

    @Override
    ResponseEntity<String> answer(Optional<StatusReception.Outcome> outcome) {
        return switch (outcome.orElse(StatusReception.Outcome.BUSY)) {
            case PUBLISHED, REPEATED, SUPERSEDED -> ResponseEntity.noContent().build();
            case BUSY -> ResponseEntity.status(503).contentType(MediaType.TEXT_PLAIN).body(BUSY);
            case FAILED -> ResponseEntity.status(500).contentType(MediaType.TEXT_PLAIN).body(NOT_PUBLISHED);
        };
    }
}

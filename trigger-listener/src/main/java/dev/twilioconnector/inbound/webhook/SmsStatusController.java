package dev.twilioconnector.inbound.webhook;

import dev.twilioconnector.inbound.reception.InboundMetrics;
import dev.twilioconnector.inbound.reception.StatusReception;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /twilio/status} (path from {@code twilio.webhook.status-path}): Twilio's delivery reports
 * of outbound messages, published as {@code SMS_STATUS}. Signed like the message webhook. A report the
 * engine could not take is answered 500, so that it shows in Twilio's debugger.
 */
@RestController
public class SmsStatusController {

    public static final String MISSING_FIELDS = "MessageSid and MessageStatus are required";
    public static final String BUSY = "This report is being handled by another delivery";
    public static final String NOT_PUBLISHED = "The report could not be handed to the process engine";

    private final StatusReception reception;
    private final WebhookGuard guard;

    public SmsStatusController(StatusReception reception, SignatureCheck signatures, boolean validateSignature, URI publicUrl,
                               InboundMetrics metrics) {
        this.reception = reception;
        this.guard = new WebhookGuard(signatures, validateSignature, publicUrl, metrics);
    }

    @PostMapping(path = "${twilio.webhook.status-path:/twilio/status}", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    public ResponseEntity<String> report(HttpServletRequest request) {
        Map<String, String> form = SmsWebhookController.formParameters(request);
        Optional<ResponseEntity<String>> refusal = guard.refusal(request, form);
        if (refusal.isPresent()) {
            return refusal.get();
        }
        DeliveryReport report = DeliveryReport.of(form);
        if (!report.isComplete()) {
            return ResponseEntity.badRequest().contentType(MediaType.TEXT_PLAIN).body(MISSING_FIELDS);
        }
        return switch (reception.receive(report)) {
            case PUBLISHED, REPEATED -> ResponseEntity.noContent().build();
            case BUSY -> ResponseEntity.status(503).contentType(MediaType.TEXT_PLAIN).body(BUSY);
            case FAILED -> ResponseEntity.status(500).contentType(MediaType.TEXT_PLAIN).body(NOT_PUBLISHED);
        };
    }
}

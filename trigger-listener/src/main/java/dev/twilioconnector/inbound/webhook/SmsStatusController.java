package dev.twilioconnector.inbound.webhook;

import dev.twilioconnector.inbound.reception.InboundMetrics;
import dev.twilioconnector.inbound.reception.StatusReception;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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

    public SmsStatusController(StatusReception reception, SignatureCheck signatures, boolean validateSignature, URI publicUrl,
                               InboundMetrics metrics, WebhookWorkers workers) {
        this.reception = reception;
        this.guard = new WebhookGuard(signatures, validateSignature, publicUrl, metrics);
        this.workers = workers;
    }

    /** Every method and media type comes to the guard first: whatever Twilio did not sign is 403, and logged as such. */
    @RequestMapping(path = "${twilio.webhook.status-path:/twilio/status}")
    public ResponseEntity<String> report(HttpServletRequest request) {
        WebhookGuard.Admission admission = guard.admit(request);
        if (admission instanceof WebhookGuard.Admission.Refused refused) {
            return refused.answer();
        }
        DeliveryReport report = DeliveryReport.of(((WebhookGuard.Admission.Admitted) admission).form().firstValues());
        if (!report.isComplete() || !report.isWellFormed()) {
            return guard.malformed(request, MISSING_FIELDS);
        }
        CompletableFuture<StatusReception.Outcome> outcome = new CompletableFuture<>();
        boolean started = workers.run(() -> {
            try {
                outcome.complete(reception.receive(report));
            } catch (RuntimeException e) {
                outcome.completeExceptionally(e);
                throw e;
            }
        });
        if (!started) {
            return WebhookGuard.busy();
        }
        return switch (outcomeWithin(outcome)) {
            case PUBLISHED, REPEATED -> ResponseEntity.noContent().build();
            case BUSY -> ResponseEntity.status(503).contentType(MediaType.TEXT_PLAIN).body(BUSY);
            case FAILED -> ResponseEntity.status(500).contentType(MediaType.TEXT_PLAIN).body(NOT_PUBLISHED);
        };
    }

    /** The outcome, or {@code BUSY} when it is not known in time: the work goes on, and a repeat finds it done. */
    private StatusReception.Outcome outcomeWithin(CompletableFuture<StatusReception.Outcome> outcome) {
        try {
            return outcome.get(workers.answerWithin().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return StatusReception.Outcome.BUSY;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return StatusReception.Outcome.BUSY;
        } catch (ExecutionException e) {
            return StatusReception.Outcome.FAILED;
        }
    }
}

package dev.twilioconnector.inbound.webhook;

import dev.twilioconnector.inbound.reception.Delivery;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What every Twilio webhook does with a request, in this order: the guard admits it (whatever Twilio did
 * not sign is 403, and logged as such), what Twilio posted is read and must be what Twilio sends (else
 * 400), a worker handles it (503 when none can take it), and the answer is made of its outcome, or of
 * none once {@code twilio.webhook.answer-within} has passed. Each webhook says only what differs: how
 * to read and judge what was posted, how to handle it, and how to answer.
 *
 * @param <P> what Twilio posts: a message, a delivery report
 * @param <O> the outcome of handling one
 */
abstract class TwilioWebhook<P, O> {

    private final Function<Map<String, String>, P> reader;
    private final WebhookGuard guard;
    private final WebhookWorkers workers;

    /** @param reader what Twilio posted, from the first value of each form parameter */
    TwilioWebhook(Function<Map<String, String>, P> reader, WebhookGuard guard, WebhookWorkers workers) {
        this.reader = reader;
        this.guard = guard;
        this.workers = workers;
    }

    /** Every method and media type comes to the guard first, before anything of the request is interpreted. */
    final ResponseEntity<String> respond(HttpServletRequest request) {
        WebhookGuard.Admission admission = guard.admit(request);
        if (admission instanceof WebhookGuard.Admission.Refused refused) {
            return refused.answer();
        }
        P posted = reader.apply(((WebhookGuard.Admission.Admitted) admission).form().firstValues());
        String malformation = malformation(posted);
        if (malformation != null) {
            return guard.malformed(request, malformation);
        }
        Delivery<O> delivery = new Delivery<>();
        if (!workers.run(() -> handle(posted, delivery))) {
            return WebhookGuard.busy();
        }
        // Not known in time: Twilio is answered without it while the work goes on, and a repeat finds it done.
        return answer(delivery.await(workers.answerWithin()));
    }

    /** Why {@code posted} is not what Twilio sends (the text of the 400 answer), or {@code null} when it is. */
    abstract String malformation(P posted);

    /** Handles {@code posted} on a worker thread and offers its outcome to {@code delivery}, whatever happens. */
    abstract void handle(P posted, Delivery<O> delivery);

    /** The answer to Twilio: from the outcome, or from none when it did not come in time. */
    abstract ResponseEntity<String> answer(Optional<O> outcome);
}

package dev.twilioconnector.inbound.reception;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Where the outcome of one delivery of a webhook goes: into the webhook's answer while the webhook still
 * waits for it, else out another way (a reply through the REST API), since Twilio stops waiting after
 * 15 seconds. Exactly one of the two happens, whichever comes first.
 *
 * @param <T> the outcome: the reply text of a message, what became of a delivery report
 */
public final class Delivery<T> {

    private final CompletableFuture<Optional<T>> outcome = new CompletableFuture<>();

    /**
     * Hands the outcome ({@code null}: none) to the waiting webhook; only the first offer counts.
     *
     * @return {@code true} when it goes into the webhook's answer; {@code false} when the webhook already
     * answered without it, or an earlier offer was taken
     */
    public boolean offer(T value) {
        return outcome.complete(Optional.ofNullable(value));
    }

    /** Whether the webhook still waits for the outcome: none was offered yet, and it has not answered without one. */
    public boolean isWaiting() {
        return !outcome.isDone();
    }

    /**
     * The outcome, waiting for it at most {@code within}; empty when there is none or it did not come in
     * time, and from then on every {@link #offer} returns {@code false}.
     */
    public Optional<T> await(Duration within) {
        try {
            return outcome.get(within.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            outcome.complete(Optional.empty());
        } catch (InterruptedException e) {
            outcome.complete(Optional.empty());
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException("a delivery's outcome is never completed exceptionally", e);
        }
        return outcome.join();
    }
}

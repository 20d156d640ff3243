package dev.twilioconnector.inbound.reception;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Where the reply to one delivery of a message goes: into the webhook's answer while the webhook still
 * waits for it, else out another way (the REST API), since Twilio stops waiting after 15 seconds.
 * Exactly one of the two happens, whichever comes first.
 */
public final class Delivery {

    private final CompletableFuture<Optional<String>> reply = new CompletableFuture<>();

    /**
     * Hands the reply ({@code null}: none) to the waiting webhook.
     *
     * @return {@code true} when it goes into the webhook's answer; {@code false} when the webhook already
     * answered without it
     */
    public boolean offer(String text) {
        return reply.complete(Optional.ofNullable(text));
    }

    /**
     * The reply, waiting for it at most {@code within}; empty when there is none or it did not come in
     * time, and from then on every {@link #offer} returns {@code false}.
     */
    public Optional<String> await(Duration within) {
        try {
            return reply.get(within.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            reply.complete(Optional.empty());
        } catch (InterruptedException e) {
            reply.complete(Optional.empty());
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException("a delivery's reply is never completed exceptionally", e);
        }
        return reply.join();
    }
}

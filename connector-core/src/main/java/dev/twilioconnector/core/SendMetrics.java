package dev.twilioconnector.core;

import java.time.Duration;

/**
 * What the connector reports about outbound traffic, for a metrics system to count. Every method does
 * nothing by default.
 */
public interface SendMetrics {

    SendMetrics NONE = new SendMetrics() {
    };

    /** Twilio accepted a message; {@code latency} is the time its request took, retries included. */
    default void messageAccepted(Duration latency) {
    }

    /** A recipient's message was not accepted (refused before sending, or by Twilio, or unanswered). */
    default void messageFailed() {
    }

    /** A request to Twilio was repeated after HTTP 429 or a refused connection. */
    default void requestRetried() {
    }
}

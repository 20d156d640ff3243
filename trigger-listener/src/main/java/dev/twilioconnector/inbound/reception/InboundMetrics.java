package dev.twilioconnector.inbound.reception;

/** What the webhook reports about inbound traffic, for a metrics system to count. Every method does nothing by default. */
public interface InboundMetrics {

    InboundMetrics NONE = new InboundMetrics() {
    };

    /** A correctly signed message arrived (repeats included). */
    default void received() {
    }

    /** A message matched {@code trigger} and was handed to the engine. */
    default void matched(String trigger) {
    }

    /** A repeated delivery of a message handled before. */
    default void deduplicated() {
    }

    /** A call refused for a missing or wrong signature. */
    default void rejected() {
    }
}

package dev.twilioconnector.flowable.conversation;

/** What becomes of kept events, for monitoring: how many were kept, delivered later, and expired untaken. */
public interface KeptEventMetrics {

    KeptEventMetrics NONE = new KeptEventMetrics() {
    };

    default void kept(String eventKey) {
    }

    default void deliveredLater(String eventKey) {
    }

    default void expired(String eventKey, int count) {
    }
}

package dev.twilioconnector.flowable.inbound;

import java.util.Map;

/** What happens after a live event was handed over and committed: keeping it when no waiting instance took it. */
@FunctionalInterface
public interface HandOverFollowUp {

    HandOverFollowUp NONE = (handOver, values, routing) -> {
    };

    void handedOver(EventHandOver handOver, Map<String, Object> values, Routing routing);
}

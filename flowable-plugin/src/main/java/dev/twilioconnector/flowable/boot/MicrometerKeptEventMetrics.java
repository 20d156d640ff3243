package dev.twilioconnector.flowable.boot;

import dev.twilioconnector.flowable.conversation.KeptEventMetrics;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Kept events as Micrometer counters, tagged with the event ({@code SMS_RECEIVED}, {@code SMS_STATUS}):
 * {@code twilio.events.kept}, {@code twilio.events.delivered-later} and {@code twilio.events.expired}.
 */
public final class MicrometerKeptEventMetrics implements KeptEventMetrics {

    private final MeterRegistry registry;

    public MicrometerKeptEventMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void kept(String eventKey) {
        registry.counter("twilio.events.kept", "event", eventKey).increment();
    }

    @Override
    public void deliveredLater(String eventKey) {
        registry.counter("twilio.events.delivered-later", "event", eventKey).increment();
    }

    @Override
    public void expired(String eventKey, int count) {
        registry.counter("twilio.events.expired", "event", eventKey).increment(count);
    }
}

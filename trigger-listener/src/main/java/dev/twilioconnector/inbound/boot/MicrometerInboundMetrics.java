package dev.twilioconnector.inbound.boot;

import dev.twilioconnector.inbound.reception.InboundMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Inbound traffic as Micrometer meters: {@code twilio.inbound.received}, {@code twilio.inbound.matched}
 * (tagged with the trigger), {@code twilio.inbound.deduplicated} and {@code twilio.inbound.rejected}.
 */
final class MicrometerInboundMetrics implements InboundMetrics {

    private final MeterRegistry registry;
    private final Counter received;
    private final Counter deduplicated;
    private final Counter rejected;

    MicrometerInboundMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.received = Counter.builder("twilio.inbound.received").description("Signed messages received").register(registry);
        this.deduplicated = Counter.builder("twilio.inbound.deduplicated").description("Repeated deliveries answered from the first").register(registry);
        this.rejected = Counter.builder("twilio.inbound.rejected").description("Calls refused for their signature").register(registry);
    }

    @Override
    public void received() {
        received.increment();
    }

    @Override
    public void matched(String trigger) {
        Counter.builder("twilio.inbound.matched").description("Messages that matched a trigger").tag("trigger", trigger)
                .register(registry).increment();
    }

    @Override
    public void deduplicated() {
        deduplicated.increment();
    }

    @Override
    public void rejected() {
        rejected.increment();
    }
}

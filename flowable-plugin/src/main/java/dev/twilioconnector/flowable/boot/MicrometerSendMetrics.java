package dev.twilioconnector.flowable.boot;

import dev.twilioconnector.core.SendMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;

/**
 * Outbound traffic as Micrometer meters: {@code twilio.messages.sent}, {@code twilio.messages.failed},
 * {@code twilio.requests.retried} and the timer {@code twilio.send.latency}.
 */
public final class MicrometerSendMetrics implements SendMetrics {

    private final Counter sent;
    private final Counter failed;
    private final Counter retried;
    private final Timer latency;

    public MicrometerSendMetrics(MeterRegistry registry) {
        this.sent = Counter.builder("twilio.messages.sent").description("Messages Twilio accepted").register(registry);
        this.failed = Counter.builder("twilio.messages.failed").description("Recipients whose message was not accepted").register(registry);
        this.retried = Counter.builder("twilio.requests.retried").description("Requests repeated after HTTP 429 or a refused connection").register(registry);
        this.latency = Timer.builder("twilio.send.latency").description("Time to get a message accepted, retries included").register(registry);
    }

    @Override
    public void messageAccepted(Duration duration) {
        sent.increment();
        latency.record(duration);
    }

    @Override
    public void messageFailed() {
        failed.increment();
    }

    @Override
    public void requestRetried() {
        retried.increment();
    }
}

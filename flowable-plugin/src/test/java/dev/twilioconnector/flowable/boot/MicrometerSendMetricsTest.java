package dev.twilioconnector.flowable.boot;

import dev.twilioconnector.core.TwilioConnector;
import dev.twilioconnector.core.sms.SendSms;
import dev.twilioconnector.emulator.Fault;
import dev.twilioconnector.emulator.TwilioEmulator;
import dev.twilioconnector.emulator.TwilioEmulatorExtension;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** With a Micrometer registry in the application, outbound traffic is counted there. */
class MicrometerSendMetricsTest {

    @RegisterExtension
    static final TwilioEmulatorExtension EMULATOR = new TwilioEmulatorExtension().withoutSystemProperties();

    @Test
    void countsSentFailedAndRetriedMessagesAndTimesThem(TwilioEmulator twilio) {
        twilio.failNext(1, Fault.tooManyRequests(0));

        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(TwilioConnectorAutoConfiguration.class))
                .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withPropertyValues("twilio.account=" + twilio.accountSid(), "twilio.token=" + twilio.authToken(),
                        "twilio.api-base-url=" + twilio.baseUrl(), "twilio.send.initial-backoff=10ms")
                .run(context -> {
                    context.getBean(TwilioConnector.class)
                            .send(new SendSms("+15005550006", null, List.of("+15551230001", "12345"), "Hello", Map.of()));

                    MeterRegistry meters = context.getBean(MeterRegistry.class);
                    assertThat(meters.get("twilio.messages.sent").counter().count()).isEqualTo(1);
                    assertThat(meters.get("twilio.messages.failed").counter().count()).isEqualTo(1);
                    assertThat(meters.get("twilio.requests.retried").counter().count()).isEqualTo(1);
                    assertThat(meters.get("twilio.send.latency").timer().count()).isEqualTo(1);
                });
    }
}

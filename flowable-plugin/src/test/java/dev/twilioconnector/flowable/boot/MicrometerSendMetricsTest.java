package dev.twilioconnector.flowable.boot;

import dev.twilioconnector.core.TwilioConnector;
import dev.twilioconnector.core.sms.SendSms;
import dev.twilioconnector.flowable.FakeTwilio;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.twilioconnector.flowable.FakeTwilio.accepted;
import static dev.twilioconnector.flowable.FakeTwilio.messageCreation;
import static dev.twilioconnector.flowable.FakeTwilio.twilioError;
import static org.assertj.core.api.Assertions.assertThat;

/** With a Micrometer registry in the application, outbound traffic is counted there. */
class MicrometerSendMetricsTest {

    private final FakeTwilio twilio = FakeTwilio.shared();

    @Test
    void countsSentFailedAndRetriedMessagesAndTimesThem() {
        twilio.reset();
        twilio.answer(messageCreation().inScenario("busy").whenScenarioStateIs(STARTED)
                .willReturn(twilioError(429, 20429, "Too Many Requests").withHeader("Retry-After", "0")).willSetStateTo("free"));
        twilio.answer(messageCreation().inScenario("busy").whenScenarioStateIs("free").willReturn(accepted()));

        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(TwilioConnectorAutoConfiguration.class))
                .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withPropertyValues("twilio.account=" + FakeTwilio.ACCOUNT, "twilio.token=" + FakeTwilio.TOKEN,
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

package dev.twilioconnector.flowable.boot;

import dev.twilioconnector.core.TwilioConnector;
import dev.twilioconnector.core.settings.TwilioSettings;
import dev.twilioconnector.flowable.TwilioConnectorConfigurator;
import org.flowable.spring.SpringProcessEngineConfiguration;
import org.flowable.spring.boot.EngineConfigurationConfigurer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.net.URI;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class TwilioConnectorAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(TwilioConnectorAutoConfiguration.class));

    @Test
    void providesTheConnectorAndPlugsItIntoTheProcessEngine() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(TwilioSettings.class).hasSingleBean(TwilioConnector.class)
                    .hasSingleBean(TwilioConnectorConfigurator.class).hasBean("twilioConnectorEngineConfigurer");
            assertThat(context.getBean(TwilioConnectorConfigurator.class).connector()).isSameAs(context.getBean(TwilioConnector.class));

            SpringProcessEngineConfiguration engine = new SpringProcessEngineConfiguration();
            @SuppressWarnings("unchecked")
            EngineConfigurationConfigurer<SpringProcessEngineConfiguration> configurer =
                    context.getBean("twilioConnectorEngineConfigurer", EngineConfigurationConfigurer.class);
            configurer.configure(engine);
            assertThat(engine.getConfigurators()).containsExactly(context.getBean(TwilioConnectorConfigurator.class));
        });
    }

    @Test
    void bindsEveryProperty() {
        runner.withPropertyValues(
                "twilio.account=AC0123456789abcdef0123456789abcdef",
                "twilio.token=property-token",
                "twilio.api-key=SK0123456789abcdef0123456789abcdef",
                "twilio.api-secret=property-secret",
                "twilio.api-base-url=http://localhost:8089/emulator/",
                "twilio.default-from=+15005550006",
                "twilio.messaging-service-sid=MG0123456789abcdef0123456789abcdef",
                "twilio.http.connect-timeout=2s",
                "twilio.http.read-timeout=7s",
                "twilio.send.parallelism=3",
                "twilio.send.max-attempts=2",
                "twilio.send.initial-backoff=50ms",
                "twilio.send.max-backoff=4s",
                "twilio.webhook.public-url=https://bpm.example.com",
                "twilio.webhook.status-path=/hooks/delivery",
                "twilio.templates.render-timeout=750ms").run(context -> {
            TwilioSettings settings = context.getBean(TwilioSettings.class);
            assertThat(settings.accountSid()).isEqualTo("AC0123456789abcdef0123456789abcdef");
            assertThat(settings.authToken()).isEqualTo("property-token");
            assertThat(settings.apiKey()).isEqualTo("SK0123456789abcdef0123456789abcdef");
            assertThat(settings.apiSecret()).isEqualTo("property-secret");
            assertThat(settings.apiBaseUrl()).isEqualTo(URI.create("http://localhost:8089/emulator"));
            assertThat(settings.defaultFrom()).isEqualTo("+15005550006");
            assertThat(settings.messagingServiceSid()).isEqualTo("MG0123456789abcdef0123456789abcdef");
            assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
            assertThat(settings.readTimeout()).isEqualTo(Duration.ofSeconds(7));
            assertThat(settings.parallelism()).isEqualTo(3);
            assertThat(settings.retry().maxAttempts()).isEqualTo(2);
            assertThat(settings.retry().initialBackoff()).isEqualTo(Duration.ofMillis(50));
            assertThat(settings.retry().maxBackoff()).isEqualTo(Duration.ofSeconds(4));
            assertThat(settings.credentials()).get().matches(credentials -> credentials.usesApiKey());
            assertThat(settings.statusCallbackUrl()).isEqualTo(URI.create("https://bpm.example.com/hooks/delivery"));
            assertThat(settings.renderTimeout()).isEqualTo(Duration.ofMillis(750));
            assertThat(context.getBean(TwilioConnector.class).templates().renderTimeout()).isEqualTo(Duration.ofMillis(750));
        });
    }

    @Test
    void bindsTheInboundPropertiesInTheSameClass() {
        runner.withPropertyValues(
                "twilio.webhook.path=/hooks/sms",
                "twilio.webhook.validate-signature=false",
                "twilio.webhook.duplicate-wait=3s",
                "twilio.webhook.takeover-after=5m",
                "twilio.webhook.deduplication-retention=30d",
                "twilio.webhook.answer-within=8s",
                "twilio.triggers.location=classpath:triggers.yml",
                "twilio.triggers.match-timeout=100ms").run(context -> {
            TwilioProperties twilio = context.getBean(TwilioProperties.class);
            assertThat(twilio.webhook().path()).isEqualTo("/hooks/sms");
            assertThat(twilio.webhook().validateSignature()).isFalse();
            assertThat(twilio.webhook().duplicateWait()).isEqualTo(Duration.ofSeconds(3));
            assertThat(twilio.webhook().takeoverAfter()).isEqualTo(Duration.ofMinutes(5));
            assertThat(twilio.webhook().deduplicationRetention()).isEqualTo(Duration.ofDays(30));
            assertThat(twilio.webhook().answerWithin()).isEqualTo(Duration.ofSeconds(8));
            assertThat(twilio.triggers().location()).isEqualTo("classpath:triggers.yml");
            assertThat(twilio.triggers().matchTimeout()).isEqualTo(Duration.ofMillis(100));
        });
    }

    @Test
    void thePropertiesShowNoSecret() {
        runner.withPropertyValues("twilio.token=property-token", "twilio.api-secret=property-secret",
                "twilio.webhook.public-url=https://hook:s3cret@bpm.example.com").run(context -> {
            assertThat(context.getBean(TwilioProperties.class).toString())
                    .doesNotContain("property-token").doesNotContain("property-secret").doesNotContain("s3cret")
                    .contains("token=***").contains("publicUrl=https://***@bpm.example.com");
        });
    }

    @Test
    void deliveryReportsCanBeSwitchedOff() {
        runner.withPropertyValues("twilio.webhook.public-url=https://bpm.example.com", "twilio.webhook.status-callback=false")
                .run(context -> assertThat(context.getBean(TwilioSettings.class).statusCallbackUrl()).isNull());
    }

    @Test
    void withNothingSetTheSettingsAreTheCoresDefaults() {
        runner.run(context -> {
            TwilioSettings settings = context.getBean(TwilioSettings.class);
            assertThat(settings).isEqualTo(TwilioSettings.builder().build());
            assertThat(settings.credentialsProblem()).isPresent();
            assertThat(settings.statusCallbackUrl()).as("no public URL, no delivery reports").isNull();
        });
    }

    @Test
    void blankPropertiesKeepTheirDefaults() {
        runner.withPropertyValues("twilio.api-base-url=", "twilio.http.read-timeout=", "twilio.templates.render-timeout=")
                .run(context -> assertThat(context.getBean(TwilioSettings.class)).isEqualTo(TwilioSettings.builder().build()));
    }

    @Test
    void backsOffToTheApplicationsOwnBeans() {
        runner.withUserConfiguration(OwnConnector.class).run(context -> {
            assertThat(context).hasSingleBean(TwilioConnector.class).hasSingleBean(TwilioSettings.class);
            assertThat(context.getBean(TwilioSettings.class)).isSameAs(OwnConnector.SETTINGS);
            assertThat(context.getBean(TwilioConnectorConfigurator.class).connector()).isSameAs(context.getBean("myConnector"));
        });
    }

    @Test
    void staysAwayWithoutFlowableSpring() {
        runner.withClassLoader(new org.springframework.boot.test.context.FilteredClassLoader(SpringProcessEngineConfiguration.class))
                .run(context -> assertThat(context).doesNotHaveBean(TwilioConnector.class));
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnConnector {
        static final TwilioSettings SETTINGS = TwilioSettings.builder().accountSid("ACmine").authToken("my-token").build();

        @Bean
        TwilioSettings mySettings() {
            return SETTINGS;
        }

        @Bean(destroyMethod = "close")
        TwilioConnector myConnector(TwilioSettings settings) {
            return TwilioConnector.create(settings);
        }
    }
}

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
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

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
    void deliveryReportsCanBeSwitchedOff() {
        runner.withPropertyValues("twilio.webhook.public-url=https://bpm.example.com", "twilio.webhook.status-callback=false")
                .run(context -> assertThat(context.getBean(TwilioSettings.class).statusCallbackUrl()).isNull());
    }

    @Test
    void defaultsMatchTheDocumentation() {
        runner.run(context -> {
            TwilioSettings settings = context.getBean(TwilioSettings.class);
            assertThat(settings.apiBaseUrl()).isEqualTo(URI.create("https://api.twilio.com"));
            assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
            assertThat(settings.readTimeout()).isEqualTo(Duration.ofSeconds(30));
            assertThat(settings.parallelism()).isEqualTo(16);
            assertThat(settings.retry().maxAttempts()).isEqualTo(5);
            assertThat(settings.credentialsProblem()).isPresent();
            assertThat(settings.statusCallbackUrl()).as("no public URL, no delivery reports").isNull();
            assertThat(settings.renderTimeout()).isEqualTo(Duration.ofSeconds(2));
        });
    }

    @Test
    void bindsTheContractsEnvironmentVariables() {
        runner.withInitializer(context -> {
            StandardEnvironment environment = (StandardEnvironment) context.getEnvironment();
            environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                    new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(
                            "TWILIO_ACCOUNT", "AC0123456789abcdef0123456789abcdef",
                            "TWILIO_TOKEN", "env-token",
                            "TWILIO_API_KEY", "SK0123456789abcdef0123456789abcdef",
                            "TWILIO_API_SECRET", "env-secret",
                            "TWILIO_API_BASE_URL", "http://127.0.0.1:9999",
                            "TWILIO_FROM", "+15005550006",
                            "TWILIO_MESSAGING_SERVICE_SID", "MG0123456789abcdef0123456789abcdef",
                            "TWILIO_SEND_PARALLELISM", "5",
                            "TWILIO_WEBHOOK_URL", "https://bpm.example.com/app",
                            "TWILIO_TEMPLATES_RENDER_TIMEOUT", "PT1.5S")));
            new TwilioEnvironmentVariables().postProcessEnvironment(environment, null);
        }).run(context -> {
            TwilioSettings settings = context.getBean(TwilioSettings.class);
            assertThat(settings.accountSid()).isEqualTo("AC0123456789abcdef0123456789abcdef");
            assertThat(settings.authToken()).isEqualTo("env-token");
            assertThat(settings.apiKey()).isEqualTo("SK0123456789abcdef0123456789abcdef");
            assertThat(settings.apiSecret()).isEqualTo("env-secret");
            assertThat(settings.apiBaseUrl()).isEqualTo(URI.create("http://127.0.0.1:9999"));
            assertThat(settings.defaultFrom()).isEqualTo("+15005550006");
            assertThat(settings.messagingServiceSid()).isEqualTo("MG0123456789abcdef0123456789abcdef");
            assertThat(settings.parallelism()).isEqualTo(5);
            assertThat(settings.statusCallbackUrl()).isEqualTo(URI.create("https://bpm.example.com/app/twilio/status"));
            assertThat(settings.renderTimeout()).isEqualTo(Duration.ofMillis(1500));
        });
    }

    @Test
    void environmentVariablesRankLikeAnyOther() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        Map.of("TWILIO_FROM", "+15005550001", "TWILIO_ACCOUNT", "ACfromEnvironment")));
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME,
                new MapPropertySource(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME, Map.of("twilio.account", "ACfromSystemProperty")));
        environment.getPropertySources().addLast(new MapPropertySource("application.properties", Map.of("twilio.default-from", "+15005550002")));

        new TwilioEnvironmentVariables().postProcessEnvironment(environment, null);

        assertThat(environment.getProperty("twilio.default-from")).as("environment beats application files").isEqualTo("+15005550001");
        assertThat(environment.getProperty("twilio.account")).as("system properties beat the environment").isEqualTo("ACfromSystemProperty");
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
        static final TwilioSettings SETTINGS = TwilioSettings.defaults().withCredentials("ACmine", "my-token");

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

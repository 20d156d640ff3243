package dev.twilioconnector.inbound.boot;

import dev.twilioconnector.flowable.boot.TwilioConnectorAutoConfiguration;
import dev.twilioconnector.flowable.boot.TwilioProperties;
import dev.twilioconnector.inbound.trigger.InvalidTriggerFile;
import dev.twilioconnector.inbound.trigger.TriggerSet;
import dev.twilioconnector.inbound.webhook.SignatureCheck;
import dev.twilioconnector.inbound.reception.StatusReception;
import dev.twilioconnector.inbound.webhook.SmsStatusController;
import dev.twilioconnector.inbound.webhook.SmsWebhookController;
import org.flowable.engine.ManagementService;
import org.flowable.eventregistry.api.EventRegistry;
import org.flowable.eventregistry.api.EventRepositoryService;
import org.flowable.spring.SpringProcessEngineConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class TriggerListenerAutoConfigurationTest {

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(TwilioConnectorAutoConfiguration.class, TriggerListenerAutoConfiguration.class))
            .withUserConfiguration(Engine.class)
            .withPropertyValues("twilio.account=AC00000000000000000000000000000001", "twilio.token=tok");

    @Test
    void anInvalidTriggerFileStopsStartUpNamingEachTriggerAndProblem() {
        runner.withPropertyValues("twilio.triggers.location=classpath:boot/bad-triggers.yml").run(context -> {
            assertThat(context).hasFailed();
            Throwable cause = context.getStartupFailure();
            while (!(cause instanceof InvalidTriggerFile) && cause.getCause() != null) {
                cause = cause.getCause();
            }
            assertThat(cause).isInstanceOf(InvalidTriggerFile.class);
            assertThat(((InvalidTriggerFile) cause).problems()).hasSize(2).satisfiesExactly(
                    problem -> assertThat(problem).startsWith("trigger 'orderStatus' has an invalid pattern: Unclosed group"),
                    problem -> assertThat(problem).isEqualTo("trigger 'confirm' has the unknown key 'ehco' (known: deliver, echo, echoError, name, pattern)"));
            assertThat(cause.getMessage()).startsWith("Trigger file classpath:boot/bad-triggers.yml is invalid");
        });
    }

    @Test
    void aMissingTriggerFileStopsStartUp() {
        runner.withPropertyValues("twilio.triggers.location=/nowhere/triggers.yml").run(context ->
                assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("Trigger file /nowhere/triggers.yml does not exist"));
    }

    @Test
    void withoutATriggerFileNoTriggerIsActiveAndStartUpSaysSo(CapturedOutput output) {
        runner.run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(SmsWebhookController.class).hasSingleBean(SmsStatusController.class)
                    .hasSingleBean(StatusReception.class);
            assertThat(context.getBean(TriggerSet.class).triggers()).isEmpty();
            assertThat(output).contains("No trigger file (TWILIO_TRIGGERS / twilio.triggers.location): no trigger is active");
        });
    }

    @Test
    void loadsTheTriggerFileWithItsMatchTimeout(CapturedOutput output) {
        runner.withPropertyValues("twilio.triggers.location=classpath:boot/good-triggers.yml", "twilio.triggers.match-timeout=50ms")
                .run(context -> {
                    assertThat(context.getBean(TriggerSet.class).match("Order Number 17")).get()
                            .satisfies(match -> assertThat(match.groups()).containsEntry("orderNumber", "17"));
                    assertThat(context.getBean(TwilioProperties.class).triggers().matchTimeout()).isEqualTo(Duration.ofMillis(50));
                    assertThat(output).contains("1 SMS trigger(s) active from classpath:boot/good-triggers.yml: orderStatus");
                });
    }

    @Test
    void switchingSignatureValidationOffIsExplicitAndWarned(CapturedOutput output) {
        runner.withPropertyValues("twilio.webhook.validate-signature=false").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(output).contains("twilio.webhook.validate-signature=false: /twilio/sms accepts unsigned requests from anyone");
        });
    }

    @Test
    void saysWhenInboundValidationCannotWorkWithoutTheToken(CapturedOutput output) {
        new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(TwilioConnectorAutoConfiguration.class, TriggerListenerAutoConfiguration.class))
                .withUserConfiguration(Engine.class)
                .withPropertyValues("twilio.account=AC00000000000000000000000000000001", "twilio.api-key=SK1", "twilio.api-secret=s")
                .run(context -> assertThat(output).contains("No auth token (TWILIO_TOKEN / twilio.token): inbound webhooks cannot be validated"));
    }

    @Test
    void backsOffToTheApplicationsOwnBeans() {
        runner.withUserConfiguration(OwnBeans.class).run(context -> {
            assertThat(context.getBean(TriggerSet.class)).isSameAs(OwnBeans.TRIGGERS);
            assertThat(context.getBean(SignatureCheck.class)).isSameAs(OwnBeans.SIGNATURES);
        });
    }

    @Test
    void staysAwayFromApplicationsThatAreNotServletWebApplications() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(TwilioConnectorAutoConfiguration.class, TriggerListenerAutoConfiguration.class))
                .withUserConfiguration(Engine.class)
                .run(context -> assertThat(context).doesNotHaveBean(SmsWebhookController.class));
    }

    @Configuration(proxyBeanMethods = false)
    static class Engine {
        @Bean
        SpringProcessEngineConfiguration springProcessEngineConfiguration() {
            return new SpringProcessEngineConfiguration();
        }

        @Bean
        EventRegistry eventRegistry() {
            return unused(EventRegistry.class);
        }

        @Bean
        EventRepositoryService eventRepositoryService() {
            return unused(EventRepositoryService.class);
        }

        @Bean
        ManagementService managementService() {
            return unused(ManagementService.class);
        }

        /** An engine service the wiring needs but no test here calls: no message is handed over. */
        private static <T> T unused(Class<T> service) {
            return service.cast(Proxy.newProxyInstance(service.getClassLoader(), new Class<?>[] {service}, (proxy, method, arguments) -> {
                throw new UnsupportedOperationException(service.getSimpleName() + "." + method.getName() + " is not part of this test");
            }));
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnBeans {
        static final TriggerSet TRIGGERS = new TriggerSet(List.of(), Duration.ofMillis(10));
        static final SignatureCheck SIGNATURES = new SignatureCheck("mine");

        @Bean
        TriggerSet myTriggers() {
            return TRIGGERS;
        }

        @Bean
        SignatureCheck mySignatures() {
            return SIGNATURES;
        }
    }
}

package dev.twilioconnector.sample.sandbox;

import dev.twilioconnector.core.settings.TwilioSettings;
import dev.twilioconnector.flowable.boot.TwilioProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The sandbox's beans, present only in sandbox mode ({@code twilio.sandbox.enabled=true}, set by
 * {@link SandboxMode} when no Twilio account is configured): the message store, the phone and the
 * delivery reports.
 * {@link SandboxApi}, a controller found by component scanning, carries the same condition.
 * Other components reach them through {@code ObjectProvider<SandboxMessages>} / {@code ObjectProvider<SandboxPhone>},
 * which are empty when real credentials are used.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = SandboxMode.ENABLED, havingValue = "true")
public class SandboxConfiguration {

    @Bean
    SandboxMessages sandboxMessages() {
        return new SandboxMessages();
    }

    @Bean(destroyMethod = "close")
    SandboxStatusReports sandboxStatusReports(SandboxMessages messages, TwilioSettings settings) {
        return new SandboxStatusReports(messages, settings);
    }

    @Bean
    SandboxPhone sandboxPhone(SandboxMessages messages, TwilioSettings settings, TwilioProperties twilio,
                              ApplicationContext context, Environment environment) {
        return new SandboxPhone(messages, settings, twilio.webhook(), context, environment);
    }
}

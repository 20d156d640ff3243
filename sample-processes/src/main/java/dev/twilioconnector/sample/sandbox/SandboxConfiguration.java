package dev.twilioconnector.sample.sandbox;

import dev.twilioconnector.core.settings.TwilioSettings;
import dev.twilioconnector.emulator.Account;
import dev.twilioconnector.emulator.Delivery;
import dev.twilioconnector.emulator.TwilioEmulator;
import dev.twilioconnector.flowable.boot.TwilioProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The sandbox's beans, present only in sandbox mode ({@code twilio.sandbox.enabled=true}, set by
 * {@link SandboxMode} when no Twilio account is configured): the Twilio emulator, which {@link SandboxApi}
 * (a controller found by component scanning, under the same condition) serves under {@code /sandbox}, and
 * the wiring of its phones to this application's webhook. Other components reach the emulator through
 * {@code ObjectProvider<TwilioEmulator>}, which is empty when real credentials are used.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = SandboxMode.ENABLED, havingValue = "true")
public class SandboxConfiguration {

    /** A recipient number ending in this stands for a phone that is switched off: its messages end undelivered. */
    public static final String UNREACHABLE_SUFFIX = "0000";
    /** The console lists what the sandbox holds; this many messages are plenty, and keep its memory bounded. */
    static final int MESSAGE_CAPACITY = 1000;

    @Bean(destroyMethod = "close")
    TwilioEmulator sandboxTwilio(TwilioSettings settings) {
        TwilioEmulator emulator = TwilioEmulator.builder().account(account(settings)).messageCapacity(MESSAGE_CAPACITY).build();
        emulator.deliveryRule(to -> to.endsWith(UNREACHABLE_SUFFIX) ? Delivery.undelivered(Delivery.UNREACHABLE) : Delivery.delivered());
        return emulator;
    }

    @Bean
    SandboxWebhook sandboxWebhook(TwilioEmulator sandboxTwilio, TwilioProperties twilio, Environment environment) {
        return new SandboxWebhook(sandboxTwilio, twilio.webhook(), environment);
    }

    /** The account the connector is configured with (in sandbox mode, {@link SandboxMode}'s), so its requests authenticate. */
    static Account account(TwilioSettings settings) {
        if (settings.accountSid() == null || settings.authToken() == null) {
            throw new IllegalStateException("the sandbox needs twilio.account and twilio.token, which sandbox mode sets unless given");
        }
        Account account = Account.of(settings.accountSid(), settings.authToken())
                .withNumber(settings.defaultFrom() != null ? settings.defaultFrom() : SandboxMode.DEFAULT_FROM);
        return settings.apiKey() != null && settings.apiSecret() != null ? account.withApiKey(settings.apiKey(), settings.apiSecret()) : account;
    }
}

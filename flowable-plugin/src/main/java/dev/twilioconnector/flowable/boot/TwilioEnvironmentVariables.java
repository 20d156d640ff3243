package dev.twilioconnector.flowable.boot;

import dev.twilioconnector.core.settings.Setting;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Makes the contract's environment variables bind to their properties. Spring's relaxed binding
 * would expect {@code TWILIO_APIKEY} for {@code twilio.api-key} and has no way to map
 * {@code TWILIO_FROM} to {@code twilio.default-from}; this adds the exact names, ranked just below the
 * environment itself, so they win over application files and lose to system properties, as any
 * environment variable does.
 */
public final class TwilioEnvironmentVariables implements EnvironmentPostProcessor {

    public static final String PROPERTY_SOURCE_NAME = "twilioEnvironmentVariables";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        PropertySource<?> variables = environment.getPropertySources()
                .get(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        if (variables == null) {
            return;
        }
        Map<String, Object> aliases = new LinkedHashMap<>();
        for (Setting setting : Setting.values()) {
            Object value = variables.getProperty(setting.environmentVariable());
            if (value != null && !value.toString().isBlank()) {
                aliases.put(setting.property(), value);
            }
        }
        if (!aliases.isEmpty()) {
            environment.getPropertySources().addAfter(variables.getName(), new MapPropertySource(PROPERTY_SOURCE_NAME, aliases));
        }
    }
}

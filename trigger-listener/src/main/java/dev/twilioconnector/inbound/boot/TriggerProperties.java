package dev.twilioconnector.inbound.boot;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The {@code twilio.triggers.*} properties.
 *
 * @param location     the trigger file (YAML): a path, or a {@code file:} / {@code classpath:} location;
 *                     unset: no trigger is active. {@code TWILIO_TRIGGERS}
 * @param matchTimeout the longest one pattern may take to match one message; longer counts as no match
 */
@ConfigurationProperties("twilio.triggers")
public record TriggerProperties(String location, @DefaultValue("250ms") Duration matchTimeout) {
}

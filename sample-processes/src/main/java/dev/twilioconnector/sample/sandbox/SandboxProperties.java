package dev.twilioconnector.sample.sandbox;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * The sample's {@code twilio.sandbox.*} properties. {@link SandboxMode} needs them before any bean exists,
 * so they are bound straight from the environment ({@link #of}) rather than as a bean; the annotation is
 * what lets Spring Boot's configuration processor describe them to IDEs.
 *
 * @param enabled Whether the sample serves Twilio's Messages API itself (the sandbox) instead of talking to Twilio.
 *                Unset, the sandbox is on exactly when no Twilio account (TWILIO_ACCOUNT / twilio.account) is
 *                configured, and then reads true; true is ignored when an account is configured.
 */
@ConfigurationProperties(SandboxProperties.PREFIX)
public record SandboxProperties(Boolean enabled) {

    public static final String PREFIX = "twilio.sandbox";

    /** The properties as the environment holds them now. */
    static SandboxProperties of(Environment environment) {
        return Binder.get(environment).bindOrCreate(PREFIX, SandboxProperties.class);
    }
}

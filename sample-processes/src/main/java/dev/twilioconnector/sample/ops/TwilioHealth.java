package dev.twilioconnector.sample.ops;

import dev.twilioconnector.core.settings.TwilioSettings;
import dev.twilioconnector.sample.sandbox.SandboxMode;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} → {@code twilio}: which Twilio the connector talks to and whether credentials
 * are configured, never their values. Missing credentials outside the sandbox are {@code OUT_OF_SERVICE}:
 * the application runs, but no SMS can go out. Only a logged-in user sees these details, except in the
 * sandbox (see {@code management.endpoint.health.show-details} in {@code application.properties}).
 */
@Component("twilio")
public class TwilioHealth implements HealthIndicator {

    private final TwilioSettings settings;
    private final boolean sandbox;

    public TwilioHealth(TwilioSettings settings, Environment environment) {
        this.settings = settings;
        this.sandbox = SandboxMode.isOn(environment);
    }

    @Override
    public Health health() {
        boolean configured = settings.credentialsProblem().isEmpty();
        Health.Builder health = configured ? Health.up() : Health.outOfService();
        health.withDetail("mode", sandbox ? "sandbox" : "twilio")
                .withDetail("credentialsConfigured", configured)
                .withDetail("authentication", settings.apiKey() != null ? "api key" : "auth token")
                // A proxy's base URL may carry a user name and password.
                .withDetail("apiBaseUrl", TwilioSettings.redacted(settings.apiBaseUrl()));
        if (settings.accountSid() != null) {
            health.withDetail("account", settings.accountSid());
        }
        settings.credentialsProblem().ifPresent(problem -> health.withDetail("problem", problem));
        return health.build();
    }
}

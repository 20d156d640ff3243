package dev.twilioconnector.sample.security;

import dev.twilioconnector.sample.sandbox.SandboxMode;
import org.springframework.core.env.Environment;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import java.util.ArrayList;
import java.util.List;

/**
 * The requests Twilio makes to the application: its webhooks for incoming messages ({@code twilio.webhook.path})
 * and for delivery reports ({@code twilio.webhook.status-path}), at the paths configured; in sandbox mode also
 * the sandbox's Twilio API under {@value SandboxMode#BASE_PATH}, which the connector calls. None of them can
 * log in or carry a CSRF token, and none needs to: the webhooks are locked by Twilio's signature (checked by
 * the trigger listener), the sandbox's API by the sandbox's auth token.
 */
final class TwilioCallbacks {

    static final String WEBHOOK_PATH = "twilio.webhook.path";
    static final String STATUS_PATH = "twilio.webhook.status-path";

    private TwilioCallbacks() {
    }

    static RequestMatcher matcher(Environment environment) {
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        List<RequestMatcher> callbacks = new ArrayList<>();
        // The same properties and defaults the webhook controllers are mapped with.
        callbacks.add(paths.matcher(path(environment, WEBHOOK_PATH, "/twilio/sms")));
        callbacks.add(paths.matcher(path(environment, STATUS_PATH, "/twilio/status")));
        if (SandboxMode.isOn(environment)) {
            callbacks.add(paths.matcher(SandboxMode.BASE_PATH + "/**"));
        }
        return new OrRequestMatcher(callbacks);
    }

    private static String path(Environment environment, String property, String defaultPath) {
        String path = environment.getProperty(property, defaultPath).trim();
        return path.startsWith("/") ? path : "/" + path;
    }
}

package dev.twilioconnector.sample.security;

import dev.twilioconnector.flowable.boot.TwilioProperties;
import dev.twilioconnector.sample.sandbox.SandboxMode;
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

    private TwilioCallbacks() {
    }

    /** The webhooks' paths as {@code twilio.webhook.*} binds them (their defaults declared there once). */
    static RequestMatcher matcher(TwilioProperties.Webhook webhooks, boolean sandbox) {
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        List<RequestMatcher> callbacks = new ArrayList<>();
        callbacks.add(paths.matcher(absolute(webhooks.path())));
        callbacks.add(paths.matcher(absolute(webhooks.statusPath())));
        if (sandbox) {
            callbacks.add(paths.matcher(SandboxMode.BASE_PATH + "/**"));
        }
        return new OrRequestMatcher(callbacks);
    }

    /** Spring MVC maps {@code hooks/delivery} at {@code /hooks/delivery}; the matcher needs the leading slash. */
    private static String absolute(String path) {
        String trimmed = path.trim();
        return trimmed.startsWith("/") ? trimmed : "/" + trimmed;
    }
}

package dev.twilioconnector.flowable.boot;

import dev.twilioconnector.core.settings.RetryPolicy;
import dev.twilioconnector.core.settings.TwilioSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;
import java.time.Duration;

/**
 * The {@code twilio.*} properties. Each also works as the environment variable the contract names
 * ({@code TWILIO_ACCOUNT}, {@code TWILIO_TOKEN}, …), see {@link TwilioEnvironmentVariables}.
 *
 * @param account             Account SID ({@code AC…}); {@code TWILIO_ACCOUNT}
 * @param token               auth token; {@code TWILIO_TOKEN}. Never logged
 * @param apiKey              optional API key SID ({@code SK…}) used for REST calls instead of the token; {@code TWILIO_API_KEY}
 * @param apiSecret           the API key's secret; {@code TWILIO_API_SECRET}. Never logged
 * @param apiBaseUrl          where the Twilio REST API is reached, default {@code https://api.twilio.com};
 *                            any Twilio-compatible endpoint (proxy, emulator, mock); {@code TWILIO_API_BASE_URL}
 * @param defaultFrom         sender number for tasks that name none; {@code TWILIO_FROM}
 * @param messagingServiceSid Messaging Service ({@code MG…}) for tasks that name no sender; {@code TWILIO_MESSAGING_SERVICE_SID}
 * @param http                HTTP timeouts
 * @param send                concurrency and retries of outbound requests
 * @param webhook             where Twilio reaches this application, so that SEND_SMS can ask for delivery reports
 * @param templates           limits of template rendering
 */
@ConfigurationProperties("twilio")
public record TwilioProperties(
        String account,
        String token,
        String apiKey,
        String apiSecret,
        URI apiBaseUrl,
        String defaultFrom,
        String messagingServiceSid,
        @DefaultValue Http http,
        @DefaultValue Send send,
        @DefaultValue Webhook webhook,
        @DefaultValue Templates templates) {

    /**
     * The part of {@code twilio.webhook.*} that outbound messages need (the rest belongs to the webhook itself).
     *
     * @param publicUrl  the application's public base URL; when set, SEND_SMS asks Twilio for delivery reports
     *                   at it plus {@code statusPath} unless the task names its own {@code smsStatusCallback};
     *                   {@code TWILIO_WEBHOOK_URL}
     * @param statusPath     the path of the delivery-status webhook under the public URL; {@code TWILIO_WEBHOOK_STATUS_PATH}
     * @param statusCallback {@code false}: SEND_SMS does not ask for delivery reports even with a public URL (an
     *                       application without the trigger listener has no status webhook); {@code TWILIO_WEBHOOK_STATUS_CALLBACK}
     */
    public record Webhook(
            String publicUrl,
            @DefaultValue(TwilioSettings.DEFAULT_STATUS_PATH) String statusPath,
            @DefaultValue("true") boolean statusCallback) {
    }

    /**
     * @param connectTimeout how long opening a connection to Twilio may take
     * @param readTimeout    how long Twilio may take to answer; a send that times out is reported, not repeated
     */
    public record Http(
            @DefaultValue("10s") Duration connectTimeout,
            @DefaultValue("30s") Duration readTimeout) {
    }

    /**
     * @param parallelism    how many requests are sent at once (per application)
     * @param maxAttempts    attempts per request after HTTP 429 or a refused connection, the first included
     * @param initialBackoff first wait before a retry; doubles each time, with jitter
     * @param maxBackoff     longest single wait, whatever {@code Retry-After} says
     */
    public record Send(
            @DefaultValue("16") int parallelism,
            @DefaultValue("5") int maxAttempts,
            @DefaultValue("500ms") Duration initialBackoff,
            @DefaultValue("30s") Duration maxBackoff) {
    }

    /**
     * @param renderTimeout the longest one rendering of a template may take (a SEND_SMS body for one recipient,
     *                      an echo); a rendering that takes longer is stopped and reported;
     *                      {@code TWILIO_TEMPLATES_RENDER_TIMEOUT}
     */
    public record Templates(
            @DefaultValue("2s") Duration renderTimeout) {
    }

    public TwilioSettings toSettings() {
        return new TwilioSettings(account, token, apiKey, apiSecret, apiBaseUrl, defaultFrom, messagingServiceSid,
                http.connectTimeout(), http.readTimeout(), send.parallelism(),
                new RetryPolicy(send.maxAttempts(), send.initialBackoff(), send.maxBackoff()),
                webhook.statusCallback() ? TwilioSettings.statusCallbackOf(webhook.publicUrl(), webhook.statusPath()) : null,
                templates.renderTimeout());
    }

    @Override
    public String toString() {
        return toSettings().toString();
    }
}

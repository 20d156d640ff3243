package dev.twilioconnector.flowable.boot;

import dev.twilioconnector.core.settings.Setting;
import dev.twilioconnector.core.settings.TwilioSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;
import java.time.Duration;

/**
 * Every {@code twilio.*} property, outbound and inbound: the one class that binds the prefix. The
 * auto-configuration maps it onto the core's {@link TwilioSettings}; the trigger listener reads its
 * {@link #webhook()} and {@link #triggers()}. Defaults the core shares are named from
 * {@link Setting.Defaults}, the others are written here, each once; Spring Boot's configuration
 * processor copies the {@code @param} texts and the defaults into
 * {@code META-INF/spring-configuration-metadata.json}, which is what IDEs complete. The environment
 * variables of the {@link Setting} table bind through {@link TwilioEnvironmentVariables}.
 *
 * @param account             Account SID (AC…). Environment variable TWILIO_ACCOUNT.
 * @param token               Auth token; also the key that signs inbound webhooks. Environment variable TWILIO_TOKEN.
 * @param apiKey              API key SID (SK…) used for REST calls instead of the auth token. Environment variable
 *                            TWILIO_API_KEY.
 * @param apiSecret           Secret of the API key. Environment variable TWILIO_API_SECRET.
 * @param apiBaseUrl          Base URL of the Twilio REST API: any Twilio-compatible endpoint (proxy, local emulator,
 *                            mock). Every request, paging included, goes to this base with its usual path. Environment
 *                            variable TWILIO_API_BASE_URL.
 * @param defaultFrom         Default sender number, used when a task names none. Environment variable TWILIO_FROM.
 * @param messagingServiceSid Default Messaging Service (MG…), used when a task names no sender and there is no default
 *                            number. Environment variable TWILIO_MESSAGING_SERVICE_SID.
 * @param http                Timeouts of the connections to Twilio.
 * @param send                Concurrency and retries of outbound requests.
 * @param templates           Limits of template rendering.
 * @param webhook             Where Twilio reaches this application, and how its webhooks behave.
 * @param triggers            The trigger file that inbound messages are matched against.
 * @param events              How long events no process waited for are kept for one that starts waiting.
 */
@ConfigurationProperties("twilio")
public record TwilioProperties(
        String account,
        String token,
        String apiKey,
        String apiSecret,
        @DefaultValue(Setting.Defaults.API_BASE_URL) URI apiBaseUrl,
        String defaultFrom,
        String messagingServiceSid,
        @DefaultValue Http http,
        @DefaultValue Send send,
        @DefaultValue Templates templates,
        @DefaultValue Webhook webhook,
        @DefaultValue Triggers triggers,
        @DefaultValue Events events) {

    /**
     * @param connectTimeout How long opening a connection to Twilio may take. Environment variable
     *                       TWILIO_HTTP_CONNECT_TIMEOUT.
     * @param readTimeout    How long Twilio may take to answer; a send that times out is reported, not repeated.
     *                       Environment variable TWILIO_HTTP_READ_TIMEOUT.
     */
    public record Http(
            @DefaultValue(Setting.Defaults.CONNECT_TIMEOUT) Duration connectTimeout,
            @DefaultValue(Setting.Defaults.READ_TIMEOUT) Duration readTimeout) {
    }

    /**
     * @param parallelism    How many requests one application sends at once. Environment variable TWILIO_SEND_PARALLELISM.
     * @param maxAttempts    Attempts per request after HTTP 429 or a refused connection, the first included. Environment
     *                       variable TWILIO_SEND_MAX_ATTEMPTS.
     * @param initialBackoff First wait before a retry; it doubles each time, with jitter. Environment variable
     *                       TWILIO_SEND_INITIAL_BACKOFF.
     * @param maxBackoff     Longest single wait, whatever Retry-After asks for. Environment variable TWILIO_SEND_MAX_BACKOFF.
     */
    public record Send(
            @DefaultValue(Setting.Defaults.PARALLELISM) int parallelism,
            @DefaultValue(Setting.Defaults.MAX_ATTEMPTS) int maxAttempts,
            @DefaultValue(Setting.Defaults.INITIAL_BACKOFF) Duration initialBackoff,
            @DefaultValue(Setting.Defaults.MAX_BACKOFF) Duration maxBackoff) {
    }

    /**
     * @param renderTimeout The longest one rendering of a template may take (an smsBody for one recipient, a trigger's
     *                      echo or echoError); a rendering that takes longer is stopped, and SEND_SMS reports it and
     *                      sends nothing. Environment variable TWILIO_TEMPLATES_RENDER_TIMEOUT.
     */
    public record Templates(
            @DefaultValue(Setting.Defaults.RENDER_TIMEOUT) Duration renderTimeout) {
    }

    /**
     * @param publicUrl              Public base URL under which Twilio reaches the application (scheme, host, optional
     *                               port and context path). Signatures are checked over it plus the request's path and
     *                               query; unset, the URL is rebuilt from the request and its X-Forwarded headers. When
     *                               set, SEND_SMS asks for delivery reports at it. Environment variable TWILIO_WEBHOOK_URL.
     * @param path                   Where Twilio posts incoming messages.
     * @param statusPath             Where Twilio posts delivery reports; with the public URL set, SEND_SMS asks for them
     *                               there. Environment variable TWILIO_WEBHOOK_STATUS_PATH.
     * @param statusCallback         Whether SEND_SMS asks for delivery reports when the public URL is set; false for an
     *                               application without the trigger listener's status webhook. Environment variable
     *                               TWILIO_WEBHOOK_STATUS_CALLBACK.
     * @param validateSignature      Whether to check X-Twilio-Signature; switch off only for local experiments.
     * @param duplicateWait          How long a repeated delivery waits for the first one's reply.
     * @param takeoverAfter          How long a delivery may stay unanswered (its node died) before a repeat handles the
     *                               message.
     * @param deduplicationRetention How long handled message SIDs are remembered.
     * @param answerWithin           The longest the webhooks take to answer, whatever the process does or the database
     *                               does not; a reply not ready by then goes out through the REST API. Keep it under
     *                               Twilio's 15 seconds.
     */
    public record Webhook(
            URI publicUrl,
            @DefaultValue(Webhook.DEFAULT_PATH) String path,
            @DefaultValue(Setting.Defaults.STATUS_PATH) String statusPath,
            @DefaultValue(Setting.Defaults.STATUS_CALLBACK) boolean statusCallback,
            @DefaultValue("true") boolean validateSignature,
            @DefaultValue("10s") Duration duplicateWait,
            @DefaultValue("2m") Duration takeoverAfter,
            @DefaultValue("7d") Duration deduplicationRetention,
            @DefaultValue("10s") Duration answerWithin) {

        /** A constant because the message webhook's request mapping names it too. */
        public static final String DEFAULT_PATH = "/twilio/sms";

        @Override
        public String toString() {
            return "Webhook[publicUrl=" + TwilioSettings.redacted(publicUrl) + ", path=" + path + ", statusPath=" + statusPath
                    + ", statusCallback=" + statusCallback + ", validateSignature=" + validateSignature
                    + ", duplicateWait=" + duplicateWait + ", takeoverAfter=" + takeoverAfter
                    + ", deduplicationRetention=" + deduplicationRetention + ", answerWithin=" + answerWithin + "]";
        }
    }

    /**
     * @param location     The trigger file (YAML): a plain path, or a file: or classpath: location. Unset, no trigger
     *                     is active and start-up says so. Environment variable TWILIO_TRIGGERS.
     * @param matchTimeout The longest one pattern may take on one message; longer counts as no match.
     */
    public record Triggers(
            String location,
            @DefaultValue("250ms") Duration matchTimeout) {
    }

    /**
     * @param keepStatus How long a delivery report (SMS_STATUS) no process waited for is kept, and handed to the process
     *                   that starts waiting for it within that time; 0 keeps none. Environment variable
     *                   TWILIO_EVENTS_KEEP_STATUS.
     * @param keepReply  How long a message (SMS_RECEIVED) no waiting process took is kept, for a process that had texted
     *                   its sender before it arrived and starts waiting for it within that time; 0 keeps none.
     *                   Environment variable TWILIO_EVENTS_KEEP_REPLY.
     */
    public record Events(
            @DefaultValue(Setting.Defaults.KEEP_STATUS) Duration keepStatus,
            @DefaultValue(Setting.Defaults.KEEP_REPLY) Duration keepReply) {
    }

    @Override
    public String toString() {
        return "TwilioProperties[account=" + account + ", token=" + (token == null ? "unset" : "***")
                + ", apiKey=" + apiKey + ", apiSecret=" + (apiSecret == null ? "unset" : "***")
                + ", apiBaseUrl=" + TwilioSettings.redacted(apiBaseUrl) + ", defaultFrom=" + defaultFrom
                + ", messagingServiceSid=" + messagingServiceSid + ", http=" + http + ", send=" + send
                + ", templates=" + templates + ", webhook=" + webhook + ", triggers=" + triggers + ", events=" + events + "]";
    }
}

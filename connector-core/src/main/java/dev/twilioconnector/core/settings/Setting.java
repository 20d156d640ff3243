package dev.twilioconnector.core.settings;

import java.time.Duration;

/**
 * Every setting that also works as an environment variable, each under its two public names (the
 * environment variable a deployment sets and the Spring property an application file sets) and with
 * its default. One table serves {@link TwilioSettings#from}, the builder's starting values and the
 * Spring Boot binding (its environment variables and its {@code @DefaultValue}s), so names and
 * defaults cannot drift.
 */
public enum Setting {
    ACCOUNT("TWILIO_ACCOUNT", "twilio.account", null),
    TOKEN("TWILIO_TOKEN", "twilio.token", null),
    API_KEY("TWILIO_API_KEY", "twilio.api-key", null),
    API_SECRET("TWILIO_API_SECRET", "twilio.api-secret", null),
    API_BASE_URL("TWILIO_API_BASE_URL", "twilio.api-base-url", Defaults.API_BASE_URL),
    DEFAULT_FROM("TWILIO_FROM", "twilio.default-from", null),
    MESSAGING_SERVICE_SID("TWILIO_MESSAGING_SERVICE_SID", "twilio.messaging-service-sid", null),
    CONNECT_TIMEOUT("TWILIO_HTTP_CONNECT_TIMEOUT", "twilio.http.connect-timeout", Defaults.CONNECT_TIMEOUT),
    READ_TIMEOUT("TWILIO_HTTP_READ_TIMEOUT", "twilio.http.read-timeout", Defaults.READ_TIMEOUT),
    PARALLELISM("TWILIO_SEND_PARALLELISM", "twilio.send.parallelism", Defaults.PARALLELISM),
    MAX_ATTEMPTS("TWILIO_SEND_MAX_ATTEMPTS", "twilio.send.max-attempts", Defaults.MAX_ATTEMPTS),
    INITIAL_BACKOFF("TWILIO_SEND_INITIAL_BACKOFF", "twilio.send.initial-backoff", Defaults.INITIAL_BACKOFF),
    MAX_BACKOFF("TWILIO_SEND_MAX_BACKOFF", "twilio.send.max-backoff", Defaults.MAX_BACKOFF),
    WEBHOOK_URL("TWILIO_WEBHOOK_URL", "twilio.webhook.public-url", null),
    WEBHOOK_STATUS_PATH("TWILIO_WEBHOOK_STATUS_PATH", "twilio.webhook.status-path", Defaults.STATUS_PATH),
    WEBHOOK_STATUS_CALLBACK("TWILIO_WEBHOOK_STATUS_CALLBACK", "twilio.webhook.status-callback", Defaults.STATUS_CALLBACK),
    TRIGGERS("TWILIO_TRIGGERS", "twilio.triggers.location", null),
    TEMPLATES_RENDER_TIMEOUT("TWILIO_TEMPLATES_RENDER_TIMEOUT", "twilio.templates.render-timeout", Defaults.RENDER_TIMEOUT),
    EVENTS_KEEP_STATUS("TWILIO_EVENTS_KEEP_STATUS", "twilio.events.keep-status", Defaults.KEEP_STATUS),
    EVENTS_KEEP_REPLY("TWILIO_EVENTS_KEEP_REPLY", "twilio.events.keep-reply", Defaults.KEEP_REPLY);

    /**
     * The defaults, written as a user writes the setting. They are constants rather than enum fields so
     * that annotations can name them: the Spring binding's {@code @DefaultValue}s do, which is how
     * Spring Boot's configuration processor puts these very values into the IDE metadata.
     */
    public static final class Defaults {
        public static final String API_BASE_URL = "https://api.twilio.com";
        public static final String CONNECT_TIMEOUT = "10s";
        public static final String READ_TIMEOUT = "30s";
        public static final String PARALLELISM = "16";
        public static final String MAX_ATTEMPTS = "5";
        public static final String INITIAL_BACKOFF = "500ms";
        public static final String MAX_BACKOFF = "30s";
        public static final String STATUS_PATH = "/twilio/status";
        public static final String STATUS_CALLBACK = "true";
        public static final String RENDER_TIMEOUT = "2s";
        public static final String KEEP_STATUS = "1h";
        public static final String KEEP_REPLY = "5m";

        private Defaults() {
        }
    }

    private final String environmentVariable;
    private final String property;
    private final String defaultValue;

    Setting(String environmentVariable, String property, String defaultValue) {
        this.environmentVariable = environmentVariable;
        this.property = property;
        this.defaultValue = defaultValue;
    }

    public String environmentVariable() {
        return environmentVariable;
    }

    public String property() {
        return property;
    }

    /** The value that applies when neither name is set, or {@code null} when the setting then stays unset. */
    public String defaultValue() {
        return defaultValue;
    }

    /** Reads {@code text} as this setting's duration ({@code 500ms}, {@code 10s}, {@code PT2S}, bare milliseconds). */
    public Duration duration(String text) {
        return DurationText.parse(bothNames(), text);
    }

    /** Reads {@code text} as this setting's whole number. */
    public int wholeNumber(String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(bothNames() + " must be a whole number, was '" + text + "'", e);
        }
    }

    /** The default read as a duration, for the settings whose default is one. */
    Duration defaultDuration() {
        return duration(defaultValue);
    }

    /** The default read as a whole number, for the settings whose default is one. */
    int defaultWholeNumber() {
        return wholeNumber(defaultValue);
    }

    private String bothNames() {
        return environmentVariable + " / " + property;
    }
}

package dev.twilioconnector.core.settings;

/**
 * Every setting of the connector, each under its two public names: the environment variable a
 * deployment sets and the Spring property an application file sets. One table serves the plain
 * configuration ({@link TwilioSettings#from}) and the Spring Boot binding, so the names cannot drift.
 */
public enum Setting {
    ACCOUNT("TWILIO_ACCOUNT", "twilio.account"),
    TOKEN("TWILIO_TOKEN", "twilio.token"),
    API_KEY("TWILIO_API_KEY", "twilio.api-key"),
    API_SECRET("TWILIO_API_SECRET", "twilio.api-secret"),
    API_BASE_URL("TWILIO_API_BASE_URL", "twilio.api-base-url"),
    DEFAULT_FROM("TWILIO_FROM", "twilio.default-from"),
    MESSAGING_SERVICE_SID("TWILIO_MESSAGING_SERVICE_SID", "twilio.messaging-service-sid"),
    CONNECT_TIMEOUT("TWILIO_HTTP_CONNECT_TIMEOUT", "twilio.http.connect-timeout"),
    READ_TIMEOUT("TWILIO_HTTP_READ_TIMEOUT", "twilio.http.read-timeout"),
    PARALLELISM("TWILIO_SEND_PARALLELISM", "twilio.send.parallelism"),
    MAX_ATTEMPTS("TWILIO_SEND_MAX_ATTEMPTS", "twilio.send.max-attempts"),
    INITIAL_BACKOFF("TWILIO_SEND_INITIAL_BACKOFF", "twilio.send.initial-backoff"),
    MAX_BACKOFF("TWILIO_SEND_MAX_BACKOFF", "twilio.send.max-backoff"),
    WEBHOOK_URL("TWILIO_WEBHOOK_URL", "twilio.webhook.public-url"),
    WEBHOOK_STATUS_PATH("TWILIO_WEBHOOK_STATUS_PATH", "twilio.webhook.status-path"),
    WEBHOOK_STATUS_CALLBACK("TWILIO_WEBHOOK_STATUS_CALLBACK", "twilio.webhook.status-callback"),
    TRIGGERS("TWILIO_TRIGGERS", "twilio.triggers.location"),
    TEMPLATES_RENDER_TIMEOUT("TWILIO_TEMPLATES_RENDER_TIMEOUT", "twilio.templates.render-timeout");

    private final String environmentVariable;
    private final String property;

    Setting(String environmentVariable, String property) {
        this.environmentVariable = environmentVariable;
        this.property = property;
    }

    public String environmentVariable() {
        return environmentVariable;
    }

    public String property() {
        return property;
    }
}

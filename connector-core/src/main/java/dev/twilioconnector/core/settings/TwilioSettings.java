package dev.twilioconnector.core.settings;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The connector's whole configuration, immutable. {@link #toString()} shows no secret.
 * Engines without Spring read it with {@link #fromSystem()} (or {@link #from}) or put it together with
 * {@link #builder()}, which starts from every default of the {@link Setting} table; the Spring Boot
 * auto-configuration maps its bound properties onto the same builder.
 *
 * @param accountSid          Account SID ({@code AC…}), or {@code null} when not configured
 * @param authToken           auth token, or {@code null}
 * @param apiKey              API key SID ({@code SK…}) used instead of the token for REST calls, or {@code null}
 * @param apiSecret           the API key's secret, or {@code null}
 * @param apiBaseUrl          where the Twilio REST API is reached; {@link #TWILIO_API} unless a proxy or emulator is used
 * @param defaultFrom         sender number used when a task names none, or {@code null}
 * @param messagingServiceSid Messaging Service ({@code MG…}) used when a task names no sender, or {@code null}
 * @param connectTimeout      how long opening a connection may take
 * @param readTimeout         how long Twilio may take to answer a request
 * @param parallelism         how many requests one connector sends at once
 * @param retry               what is retried, how often and with which waits
 * @param statusCallbackUrl   where Twilio is to report the delivery status of messages whose task names no
 *                            {@code smsStatusCallback}: the application's public URL and its status path, or
 *                            {@code null} (no report) when the public URL is not configured or
 *                            {@code twilio.webhook.status-callback} is {@code false}
 * @param renderTimeout       the longest one rendering of a template (a SEND_SMS body for one recipient, an echo) may take
 */
public record TwilioSettings(
        String accountSid,
        String authToken,
        String apiKey,
        String apiSecret,
        URI apiBaseUrl,
        String defaultFrom,
        String messagingServiceSid,
        Duration connectTimeout,
        Duration readTimeout,
        int parallelism,
        RetryPolicy retry,
        URI statusCallbackUrl,
        Duration renderTimeout) {

    /** Twilio's own REST API, the default {@link #apiBaseUrl}. */
    public static final URI TWILIO_API = URI.create(Setting.Defaults.API_BASE_URL);

    public static final String MISSING_CREDENTIALS =
            "Twilio credentials are not configured: set TWILIO_ACCOUNT and TWILIO_TOKEN "
                    + "(or TWILIO_API_KEY and TWILIO_API_SECRET), or the properties twilio.account and twilio.token";
    public static final String API_SECRET_WITHOUT_KEY =
            "TWILIO_API_SECRET is set without TWILIO_API_KEY (twilio.api-key); set both or neither";
    public static final String API_KEY_WITHOUT_SECRET =
            "TWILIO_API_KEY is set without TWILIO_API_SECRET (twilio.api-secret); set both or neither";
    public static final String ACCOUNT_NOT_A_SID = "TWILIO_ACCOUNT (twilio.account) must be an Account SID starting with AC";

    public TwilioSettings {
        accountSid = blankToNull(accountSid);
        authToken = blankToNull(authToken);
        apiKey = blankToNull(apiKey);
        apiSecret = blankToNull(apiSecret);
        defaultFrom = blankToNull(defaultFrom);
        messagingServiceSid = blankToNull(messagingServiceSid);
        apiBaseUrl = withoutTrailingSlash(Objects.requireNonNull(apiBaseUrl, Setting.API_BASE_URL.property()));
        positive(connectTimeout, Setting.CONNECT_TIMEOUT);
        positive(readTimeout, Setting.READ_TIMEOUT);
        if (parallelism < 1) {
            throw new IllegalArgumentException(Setting.PARALLELISM.property() + " must be at least 1, was " + parallelism);
        }
        Objects.requireNonNull(retry, "retry");
        positive(renderTimeout, Setting.TEMPLATES_RENDER_TIMEOUT);
        if (!isHttpUrl(apiBaseUrl)) {
            throw new IllegalArgumentException(Setting.API_BASE_URL.property() + " must be an http(s) URL, was '" + apiBaseUrl + "'");
        }
        if (statusCallbackUrl != null && !isHttpUrl(statusCallbackUrl)) {
            throw new IllegalArgumentException(Setting.WEBHOOK_URL.property() + " must be an http(s) URL, was '"
                    + redacted(statusCallbackUrl) + "' with its status path");
        }
    }

    /**
     * The status callback URL for the application reached at {@code publicUrl}: {@code null} without
     * one, else the public URL followed by {@code statusPath} ({@value Setting.Defaults#STATUS_PATH} when blank).
     */
    public static URI statusCallbackOf(String publicUrl, String statusPath) {
        if (publicUrl == null || publicUrl.isBlank()) {
            return null;
        }
        URI base = URI.create(publicUrl.trim().replaceAll("/+$", ""));
        if (base.getRawQuery() != null || base.getRawFragment() != null) {
            throw new IllegalArgumentException(Setting.WEBHOOK_URL.property() + " must be a base URL without query or fragment, was '"
                    + redacted(base) + "'");
        }
        String path = statusPath == null || statusPath.isBlank() ? Setting.Defaults.STATUS_PATH : statusPath.trim();
        return URI.create(base + (path.startsWith("/") ? path : "/" + path));
    }

    /** A URL fit for logs: user name and password (Twilio lets a webhook URL carry them) replaced by {@code ***}. */
    public static String redacted(URI url) {
        if (url == null || url.getRawUserInfo() == null) {
            return String.valueOf(url);
        }
        return url.toString().replace(url.getRawUserInfo() + "@", "***@");
    }

    /** Settings with every default of the {@link Setting} table and no credentials, to be filled in. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these settings, to change some of them. */
    public Builder toBuilder() {
        return builder().accountSid(accountSid).authToken(authToken).apiKey(apiKey).apiSecret(apiSecret)
                .apiBaseUrl(apiBaseUrl).defaultFrom(defaultFrom).messagingServiceSid(messagingServiceSid)
                .connectTimeout(connectTimeout).readTimeout(readTimeout).parallelism(parallelism).retry(retry)
                .statusCallbackUrl(statusCallbackUrl).renderTimeout(renderTimeout);
    }

    /**
     * Reads every {@link Setting} through {@code lookup}, which is asked the property name first and
     * then the environment variable name; a setting blank under both names gets its default.
     */
    public static TwilioSettings from(Function<String, String> lookup) {
        Function<Setting, String> read = setting -> Optional.ofNullable(blankToNull(lookup.apply(setting.property())))
                .or(() -> Optional.ofNullable(blankToNull(lookup.apply(setting.environmentVariable()))))
                .orElse(setting.defaultValue());
        Function<Setting, Duration> duration = setting -> setting.duration(read.apply(setting));
        boolean statusCallback = !"false".equalsIgnoreCase(read.apply(Setting.WEBHOOK_STATUS_CALLBACK));
        return builder()
                .accountSid(read.apply(Setting.ACCOUNT))
                .authToken(read.apply(Setting.TOKEN))
                .apiKey(read.apply(Setting.API_KEY))
                .apiSecret(read.apply(Setting.API_SECRET))
                .apiBaseUrl(URI.create(read.apply(Setting.API_BASE_URL)))
                .defaultFrom(read.apply(Setting.DEFAULT_FROM))
                .messagingServiceSid(read.apply(Setting.MESSAGING_SERVICE_SID))
                .connectTimeout(duration.apply(Setting.CONNECT_TIMEOUT))
                .readTimeout(duration.apply(Setting.READ_TIMEOUT))
                .parallelism(Setting.PARALLELISM.wholeNumber(read.apply(Setting.PARALLELISM)))
                .retry(new RetryPolicy(Setting.MAX_ATTEMPTS.wholeNumber(read.apply(Setting.MAX_ATTEMPTS)),
                        duration.apply(Setting.INITIAL_BACKOFF), duration.apply(Setting.MAX_BACKOFF)))
                .statusCallbackUrl(statusCallback
                        ? statusCallbackOf(read.apply(Setting.WEBHOOK_URL), read.apply(Setting.WEBHOOK_STATUS_PATH)) : null)
                .renderTimeout(duration.apply(Setting.TEMPLATES_RENDER_TIMEOUT))
                .build();
    }

    /** System properties first, then the process environment: how an engine without Spring is configured. */
    public static TwilioSettings fromSystem() {
        return from(name -> Optional.ofNullable(System.getProperty(name)).orElseGet(() -> System.getenv(name)));
    }

    /** The credentials REST calls use: the API key when one is set, else the auth token. */
    public Optional<Credentials> credentials() {
        if (credentialsProblem().isPresent()) {
            return Optional.empty();
        }
        return Optional.of(apiKey != null
                ? Credentials.ofApiKey(accountSid, apiKey, apiSecret)
                : Credentials.ofToken(accountSid, authToken));
    }

    /** Why {@link #credentials()} is empty, in words a user can act on. */
    public Optional<String> credentialsProblem() {
        if (apiKey != null && apiSecret == null) {
            return Optional.of(API_KEY_WITHOUT_SECRET);
        }
        if (apiSecret != null && apiKey == null) {
            return Optional.of(API_SECRET_WITHOUT_KEY);
        }
        if (accountSid == null || (authToken == null && apiKey == null)) {
            return Optional.of(MISSING_CREDENTIALS);
        }
        if (!accountSid.startsWith("AC")) {
            return Optional.of(ACCOUNT_NOT_A_SID);
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "TwilioSettings[accountSid=" + accountSid
                + ", authToken=" + (authToken == null ? "unset" : "***")
                + ", apiKey=" + apiKey
                + ", apiSecret=" + (apiSecret == null ? "unset" : "***")
                + ", apiBaseUrl=" + apiBaseUrl
                + ", defaultFrom=" + defaultFrom
                + ", messagingServiceSid=" + messagingServiceSid
                + ", connectTimeout=" + connectTimeout
                + ", readTimeout=" + readTimeout
                + ", parallelism=" + parallelism
                + ", retry=" + retry
                + ", statusCallbackUrl=" + redacted(statusCallbackUrl)
                + ", renderTimeout=" + renderTimeout + "]";
    }

    /**
     * Puts settings together, starting from every default; blank text counts as unset. {@link #build()}
     * checks them as a whole (e.g. the base URL is http(s), timeouts are positive).
     */
    public static final class Builder {
        private String accountSid;
        private String authToken;
        private String apiKey;
        private String apiSecret;
        private URI apiBaseUrl = TWILIO_API;
        private String defaultFrom;
        private String messagingServiceSid;
        private Duration connectTimeout = Setting.CONNECT_TIMEOUT.defaultDuration();
        private Duration readTimeout = Setting.READ_TIMEOUT.defaultDuration();
        private int parallelism = Setting.PARALLELISM.defaultWholeNumber();
        private RetryPolicy retry = RetryPolicy.DEFAULT;
        private URI statusCallbackUrl;
        private Duration renderTimeout = Setting.TEMPLATES_RENDER_TIMEOUT.defaultDuration();

        private Builder() {
        }

        /** Account SID ({@code AC…}). */
        public Builder accountSid(String accountSid) {
            this.accountSid = accountSid;
            return this;
        }

        public Builder authToken(String authToken) {
            this.authToken = authToken;
            return this;
        }

        /** API key SID ({@code SK…}), used for REST calls instead of the auth token. */
        public Builder apiKey(String apiKey) {
            this.apiKey = apiKey;
            return this;
        }

        public Builder apiSecret(String apiSecret) {
            this.apiSecret = apiSecret;
            return this;
        }

        public Builder apiBaseUrl(URI apiBaseUrl) {
            this.apiBaseUrl = apiBaseUrl;
            return this;
        }

        public Builder defaultFrom(String defaultFrom) {
            this.defaultFrom = defaultFrom;
            return this;
        }

        public Builder messagingServiceSid(String messagingServiceSid) {
            this.messagingServiceSid = messagingServiceSid;
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        public Builder readTimeout(Duration readTimeout) {
            this.readTimeout = readTimeout;
            return this;
        }

        public Builder parallelism(int parallelism) {
            this.parallelism = parallelism;
            return this;
        }

        public Builder retry(RetryPolicy retry) {
            this.retry = retry;
            return this;
        }

        /** Where Twilio reports delivery status; see {@link #statusCallbackOf} to make one from the public URL. */
        public Builder statusCallbackUrl(URI statusCallbackUrl) {
            this.statusCallbackUrl = statusCallbackUrl;
            return this;
        }

        public Builder renderTimeout(Duration renderTimeout) {
            this.renderTimeout = renderTimeout;
            return this;
        }

        public TwilioSettings build() {
            return new TwilioSettings(accountSid, authToken, apiKey, apiSecret, apiBaseUrl, defaultFrom, messagingServiceSid,
                    connectTimeout, readTimeout, parallelism, retry, statusCallbackUrl, renderTimeout);
        }
    }

    private static boolean isHttpUrl(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static URI withoutTrailingSlash(URI uri) {
        String text = uri.toString();
        return text.endsWith("/") ? URI.create(text.substring(0, text.length() - 1)) : uri;
    }

    private static void positive(Duration value, Setting setting) {
        Objects.requireNonNull(value, setting.property());
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(setting.property() + " must be positive, was " + value);
        }
    }
}

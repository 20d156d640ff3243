package dev.twilioconnector.core.settings;

import dev.twilioconnector.core.template.SmsTemplates;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The connector's whole configuration, immutable. {@link #toString()} shows no secret.
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

    public static final URI TWILIO_API = URI.create("https://api.twilio.com");
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);
    public static final int DEFAULT_PARALLELISM = 16;
    public static final Duration DEFAULT_RENDER_TIMEOUT = SmsTemplates.DEFAULT_RENDER_TIMEOUT;
    public static final String DEFAULT_STATUS_PATH = "/twilio/status";

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
        apiBaseUrl = apiBaseUrl == null ? TWILIO_API : withoutTrailingSlash(apiBaseUrl);
        connectTimeout = positive(connectTimeout, DEFAULT_CONNECT_TIMEOUT, Setting.CONNECT_TIMEOUT);
        readTimeout = positive(readTimeout, DEFAULT_READ_TIMEOUT, Setting.READ_TIMEOUT);
        if (parallelism < 1) {
            throw new IllegalArgumentException(Setting.PARALLELISM.property() + " must be at least 1, was " + parallelism);
        }
        retry = retry == null ? RetryPolicy.DEFAULT : retry;
        renderTimeout = positive(renderTimeout, DEFAULT_RENDER_TIMEOUT, Setting.TEMPLATES_RENDER_TIMEOUT);
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
     * one, else the public URL followed by {@code statusPath} ({@value #DEFAULT_STATUS_PATH} when blank).
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
        String path = statusPath == null || statusPath.isBlank() ? DEFAULT_STATUS_PATH : statusPath.trim();
        return URI.create(base + (path.startsWith("/") ? path : "/" + path));
    }

    /** A URL fit for logs: user name and password (Twilio lets a webhook URL carry them) replaced by {@code ***}. */
    public static String redacted(URI url) {
        if (url == null || url.getRawUserInfo() == null) {
            return String.valueOf(url);
        }
        return url.toString().replace(url.getRawUserInfo() + "@", "***@");
    }

    /** Settings with every default and no credentials: a starting point for {@code with…} copies. */
    public static TwilioSettings defaults() {
        return new TwilioSettings(null, null, null, null, null, null, null, null, null, DEFAULT_PARALLELISM, null, null, null);
    }

    /**
     * Reads every {@link Setting} through {@code lookup}, which is asked the property name first
     * and then the environment variable name.
     */
    public static TwilioSettings from(Function<String, String> lookup) {
        Function<Setting, String> read = setting -> Optional.ofNullable(blankToNull(lookup.apply(setting.property())))
                .orElseGet(() -> blankToNull(lookup.apply(setting.environmentVariable())));
        RetryPolicy retry = new RetryPolicy(
                intOr(read, Setting.MAX_ATTEMPTS, RetryPolicy.DEFAULT.maxAttempts()),
                durationOr(read, Setting.INITIAL_BACKOFF, RetryPolicy.DEFAULT.initialBackoff()),
                durationOr(read, Setting.MAX_BACKOFF, RetryPolicy.DEFAULT.maxBackoff()));
        String baseUrl = read.apply(Setting.API_BASE_URL);
        return new TwilioSettings(
                read.apply(Setting.ACCOUNT),
                read.apply(Setting.TOKEN),
                read.apply(Setting.API_KEY),
                read.apply(Setting.API_SECRET),
                baseUrl == null ? null : URI.create(baseUrl.trim()),
                read.apply(Setting.DEFAULT_FROM),
                read.apply(Setting.MESSAGING_SERVICE_SID),
                durationOr(read, Setting.CONNECT_TIMEOUT, DEFAULT_CONNECT_TIMEOUT),
                durationOr(read, Setting.READ_TIMEOUT, DEFAULT_READ_TIMEOUT),
                intOr(read, Setting.PARALLELISM, DEFAULT_PARALLELISM),
                retry,
                "false".equalsIgnoreCase(read.apply(Setting.WEBHOOK_STATUS_CALLBACK)) ? null
                        : statusCallbackOf(read.apply(Setting.WEBHOOK_URL), read.apply(Setting.WEBHOOK_STATUS_PATH)),
                durationOr(read, Setting.TEMPLATES_RENDER_TIMEOUT, DEFAULT_RENDER_TIMEOUT));
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

    public TwilioSettings withCredentials(String accountSid, String authToken) {
        return new TwilioSettings(accountSid, authToken, apiKey, apiSecret, apiBaseUrl, defaultFrom, messagingServiceSid,
                connectTimeout, readTimeout, parallelism, retry, statusCallbackUrl, renderTimeout);
    }

    public TwilioSettings withApiKey(String apiKey, String apiSecret) {
        return new TwilioSettings(accountSid, authToken, apiKey, apiSecret, apiBaseUrl, defaultFrom, messagingServiceSid,
                connectTimeout, readTimeout, parallelism, retry, statusCallbackUrl, renderTimeout);
    }

    public TwilioSettings withApiBaseUrl(URI apiBaseUrl) {
        return new TwilioSettings(accountSid, authToken, apiKey, apiSecret, apiBaseUrl, defaultFrom, messagingServiceSid,
                connectTimeout, readTimeout, parallelism, retry, statusCallbackUrl, renderTimeout);
    }

    public TwilioSettings withSenders(String defaultFrom, String messagingServiceSid) {
        return new TwilioSettings(accountSid, authToken, apiKey, apiSecret, apiBaseUrl, defaultFrom, messagingServiceSid,
                connectTimeout, readTimeout, parallelism, retry, statusCallbackUrl, renderTimeout);
    }

    public TwilioSettings withTimeouts(Duration connectTimeout, Duration readTimeout) {
        return new TwilioSettings(accountSid, authToken, apiKey, apiSecret, apiBaseUrl, defaultFrom, messagingServiceSid,
                connectTimeout, readTimeout, parallelism, retry, statusCallbackUrl, renderTimeout);
    }

    public TwilioSettings withStatusCallbackUrl(URI statusCallbackUrl) {
        return new TwilioSettings(accountSid, authToken, apiKey, apiSecret, apiBaseUrl, defaultFrom, messagingServiceSid,
                connectTimeout, readTimeout, parallelism, retry, statusCallbackUrl, renderTimeout);
    }

    public TwilioSettings withSending(int parallelism, RetryPolicy retry) {
        return new TwilioSettings(accountSid, authToken, apiKey, apiSecret, apiBaseUrl, defaultFrom, messagingServiceSid,
                connectTimeout, readTimeout, parallelism, retry, statusCallbackUrl, renderTimeout);
    }

    public TwilioSettings withRenderTimeout(Duration renderTimeout) {
        return new TwilioSettings(accountSid, authToken, apiKey, apiSecret, apiBaseUrl, defaultFrom, messagingServiceSid,
                connectTimeout, readTimeout, parallelism, retry, statusCallbackUrl, renderTimeout);
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

    private static Duration positive(Duration value, Duration fallback, Setting setting) {
        if (value == null) {
            return fallback;
        }
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(setting.property() + " must be positive, was " + value);
        }
        return value;
    }

    private static int intOr(Function<Setting, String> read, Setting setting, int fallback) {
        String text = read.apply(setting);
        if (text == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(setting.environmentVariable() + " / " + setting.property()
                    + " must be a whole number, was '" + text + "'", e);
        }
    }

    private static Duration durationOr(Function<Setting, String> read, Setting setting, Duration fallback) {
        String text = read.apply(setting);
        return text == null ? fallback : DurationText.parse(setting.environmentVariable() + " / " + setting.property(), text);
    }
}

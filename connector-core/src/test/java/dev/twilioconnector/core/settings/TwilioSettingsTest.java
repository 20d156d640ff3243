package dev.twilioconnector.core.settings;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class TwilioSettingsTest {

    private static final String ACCOUNT = "AC0123456789abcdef0123456789abcdef";
    private static final String TOKEN = "tok4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b";
    private static final String API_KEY = "SK00112233445566778899aabbccddeeff";
    private static final String API_SECRET = "sec9Zq8Yx7Wv6Ut5Sr4Qp3On2Ml1Kj0Ih";

    private static TwilioSettings from(Map<String, String> values) {
        return TwilioSettings.from(values::get);
    }

    private static TwilioSettings fromOne(String name, String value) {
        Map<String, String> values = new HashMap<>();
        values.put(name, value);
        return from(values);
    }

    @Nested
    class Reading {

        /** Each setting under both its names, each name with a value in a form of its own. */
        private static final String[][] EVERY_SETTING = {
                // environment variable, its value; property, its value
                {"TWILIO_ACCOUNT", ACCOUNT, "twilio.account", ACCOUNT},
                {"TWILIO_TOKEN", TOKEN, "twilio.token", TOKEN},
                {"TWILIO_API_KEY", API_KEY, "twilio.api-key", API_KEY},
                {"TWILIO_API_SECRET", API_SECRET, "twilio.api-secret", API_SECRET},
                {"TWILIO_API_BASE_URL", "http://127.0.0.1:8089/", "twilio.api-base-url", "https://proxy.example.test/twilio"},
                {"TWILIO_FROM", "+15005550006", "twilio.default-from", "+15005550006"},
                {"TWILIO_MESSAGING_SERVICE_SID", "MG0123456789abcdef0123456789abcdef",
                        "twilio.messaging-service-sid", "MG0123456789abcdef0123456789abcdef"},
                {"TWILIO_HTTP_CONNECT_TIMEOUT", "500ms", "twilio.http.connect-timeout", "1500"},
                {"TWILIO_HTTP_READ_TIMEOUT", "10s", "twilio.http.read-timeout", "PT45S"},
                {"TWILIO_SEND_PARALLELISM", "3", "twilio.send.parallelism", "8"},
                {"TWILIO_SEND_MAX_ATTEMPTS", "7", "twilio.send.max-attempts", "2"},
                {"TWILIO_SEND_INITIAL_BACKOFF", "PT2S", "twilio.send.initial-backoff", "100ms"},
                {"TWILIO_SEND_MAX_BACKOFF", "2m", "twilio.send.max-backoff", "1h"},
                {"TWILIO_TEMPLATES_RENDER_TIMEOUT", "750ms", "twilio.templates.render-timeout", "PT3S"},
        };

        @ParameterizedTest(name = "by {0}")
        @MethodSource
        void readsEverySetting(String names, Map<String, String> values, TwilioSettings read) {
            assertThat(from(values)).isEqualTo(read);
        }

        static Stream<Arguments> readsEverySetting() {
            TwilioSettings same = TwilioSettings.builder().accountSid(ACCOUNT).authToken(TOKEN).apiKey(API_KEY).apiSecret(API_SECRET)
                    .defaultFrom("+15005550006").messagingServiceSid("MG0123456789abcdef0123456789abcdef").build();
            return Stream.of(
                    arguments("environment variables", column(0), same.toBuilder().apiBaseUrl(URI.create("http://127.0.0.1:8089"))
                            .connectTimeout(Duration.ofMillis(500)).readTimeout(Duration.ofSeconds(10)).parallelism(3)
                            .retry(new RetryPolicy(7, Duration.ofSeconds(2), Duration.ofMinutes(2)))
                            .renderTimeout(Duration.ofMillis(750)).build()),
                    arguments("properties", column(2), same.toBuilder().apiBaseUrl(URI.create("https://proxy.example.test/twilio"))
                            .connectTimeout(Duration.ofMillis(1500)).readTimeout(Duration.ofSeconds(45)).parallelism(8)
                            .retry(new RetryPolicy(2, Duration.ofMillis(100), Duration.ofHours(1)))
                            .renderTimeout(Duration.ofSeconds(3)).build()));
        }

        /** The names in column {@code name} of {@link #EVERY_SETTING}, each with the value beside it. */
        private static Map<String, String> column(int name) {
            Map<String, String> values = new HashMap<>();
            for (String[] setting : EVERY_SETTING) {
                values.put(setting[name], setting[name + 1]);
            }
            return values;
        }

        @Test
        void everySettingHasDistinctNames() {
            for (Setting setting : Setting.values()) {
                assertThat(setting.environmentVariable()).startsWith("TWILIO_").isUpperCase();
                assertThat(setting.property()).startsWith("twilio.").isLowerCase();
            }
            assertThat(java.util.Arrays.stream(Setting.values()).map(Setting::property).distinct())
                    .hasSize(Setting.values().length);
            assertThat(java.util.Arrays.stream(Setting.values()).map(Setting::environmentVariable).distinct())
                    .hasSize(Setting.values().length);
        }

        @Test
        void propertyWinsOverEnvironmentVariable() {
            TwilioSettings settings = from(Map.of(
                    "twilio.account", ACCOUNT,
                    "TWILIO_ACCOUNT", "ACffffffffffffffffffffffffffffffff",
                    "twilio.http.read-timeout", "2s",
                    "TWILIO_HTTP_READ_TIMEOUT", "9s",
                    "twilio.send.parallelism", "5",
                    "TWILIO_SEND_PARALLELISM", "not even read"));

            assertThat(settings.accountSid()).isEqualTo(ACCOUNT);
            assertThat(settings.readTimeout()).isEqualTo(Duration.ofSeconds(2));
            assertThat(settings.parallelism()).isEqualTo(5);
        }

        @Test
        void blankPropertyIsUnsetSoEnvironmentVariableApplies() {
            TwilioSettings settings = from(Map.of(
                    "twilio.account", "   ",
                    "TWILIO_ACCOUNT", ACCOUNT,
                    "twilio.token", "",
                    "TWILIO_TOKEN", TOKEN,
                    "twilio.send.parallelism", " \t",
                    "TWILIO_SEND_PARALLELISM", "4"));

            assertThat(settings.accountSid()).isEqualTo(ACCOUNT);
            assertThat(settings.authToken()).isEqualTo(TOKEN);
            assertThat(settings.parallelism()).isEqualTo(4);
        }

        @Test
        void blankEverywhereMeansDefaults() {
            Map<String, String> blanks = new HashMap<>();
            for (Setting setting : Setting.values()) {
                blanks.put(setting.property(), " ");
                blanks.put(setting.environmentVariable(), "");
            }
            TwilioSettings settings = from(blanks);

            assertThat(settings).isEqualTo(TwilioSettings.builder().build());
            assertThat(settings.accountSid()).isNull();
            assertThat(settings.authToken()).isNull();
            assertThat(settings.defaultFrom()).isNull();
            assertThat(settings.statusCallbackUrl()).isNull();
        }

        @Test
        void theDefaultsAreTheDocumentedOnes() {
            TwilioSettings settings = from(Map.of());

            assertThat(settings.apiBaseUrl()).isEqualTo(URI.create("https://api.twilio.com")).isEqualTo(TwilioSettings.TWILIO_API);
            assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
            assertThat(settings.readTimeout()).isEqualTo(Duration.ofSeconds(30));
            assertThat(settings.parallelism()).isEqualTo(16);
            assertThat(settings.retry()).isEqualTo(new RetryPolicy(5, Duration.ofMillis(500), Duration.ofSeconds(30)))
                    .isEqualTo(RetryPolicy.DEFAULT);
            assertThat(settings.renderTimeout()).isEqualTo(Duration.ofSeconds(2));
            assertThat(fromOne("TWILIO_WEBHOOK_URL", "https://bpm.example.com").statusCallbackUrl())
                    .isEqualTo(URI.create("https://bpm.example.com/twilio/status"));
        }

        @Test
        void everyDefaultReadsAsItsSetting() {
            for (Setting setting : Setting.values()) {
                if (setting.defaultValue() != null) {
                    assertThat(from(Map.of(setting.property(), setting.defaultValue()))).as(setting.name())
                            .isEqualTo(TwilioSettings.builder().build());
                }
            }
        }

        @Test
        void valuesAreTrimmed() {
            TwilioSettings settings = from(Map.of(
                    "TWILIO_ACCOUNT", "  " + ACCOUNT + "\n",
                    "TWILIO_TOKEN", " " + TOKEN + " ",
                    "TWILIO_SEND_PARALLELISM", " 6 ",
                    "TWILIO_API_BASE_URL", " http://localhost:9999/base/ "));

            assertThat(settings.accountSid()).isEqualTo(ACCOUNT);
            assertThat(settings.authToken()).isEqualTo(TOKEN);
            assertThat(settings.parallelism()).isEqualTo(6);
            assertThat(settings.apiBaseUrl()).isEqualTo(URI.create("http://localhost:9999/base"));
        }
    }

    @Nested
    class Durations {

        @ParameterizedTest(name = "{0} -> {1} ms")
        @CsvSource({
                "500ms, 500",
                "10s, 10000",
                "PT2S, 2000",
                "pt0.25s, 250",
                "1500, 1500",
                "2m, 120000",
                "1h, 3600000",
                "10S, 10000",
                "' 750 ms ', 750",
        })
        void readTimeoutAcceptsCommonForms(String text, long millis) {
            assertThat(fromOne("TWILIO_HTTP_READ_TIMEOUT", text).readTimeout()).isEqualTo(Duration.ofMillis(millis));
        }

        @ParameterizedTest
        @ValueSource(strings = {"ten seconds", "5 minutes", "1.5s", "-5s", "PT", "10x", "ms"})
        void badDurationNamesTheSetting(String text) {
            assertThatThrownBy(() -> fromOne("TWILIO_HTTP_CONNECT_TIMEOUT", text))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("TWILIO_HTTP_CONNECT_TIMEOUT")
                    .hasMessageContaining("twilio.http.connect-timeout")
                    .hasMessageContaining(text);
        }

        @Test
        void badBackoffNamesTheSetting() {
            assertThatThrownBy(() -> fromOne("twilio.send.initial-backoff", "soon"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("twilio.send.initial-backoff");
        }

        @Test
        void hugeDurationNamesTheSetting() {
            assertThatThrownBy(() -> fromOne("TWILIO_HTTP_READ_TIMEOUT", "99999999999999999999999s"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("TWILIO_HTTP_READ_TIMEOUT");
            assertThatThrownBy(() -> fromOne("TWILIO_HTTP_READ_TIMEOUT", "9223372036854775807h"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("TWILIO_HTTP_READ_TIMEOUT");
        }

        @ParameterizedTest
        @ValueSource(strings = {"0", "0s", "PT0S", "PT-1S"})
        void timeoutMustBePositive(String text) {
            assertThatThrownBy(() -> fromOne("TWILIO_HTTP_READ_TIMEOUT", text))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("twilio.http.read-timeout");
            assertThatThrownBy(() -> fromOne("TWILIO_TEMPLATES_RENDER_TIMEOUT", text))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("twilio.templates.render-timeout");
        }

        @Test
        void badRenderTimeoutNamesTheSetting() {
            assertThatThrownBy(() -> fromOne("TWILIO_TEMPLATES_RENDER_TIMEOUT", "two seconds"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("TWILIO_TEMPLATES_RENDER_TIMEOUT")
                    .hasMessageContaining("twilio.templates.render-timeout");
        }
    }

    @Nested
    class Numbers {

        @ParameterizedTest
        @ValueSource(strings = {"many", "2.5", "0x10", "99999999999"})
        void badNumberNamesTheSetting(String text) {
            assertThatThrownBy(() -> fromOne("TWILIO_SEND_PARALLELISM", text))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("TWILIO_SEND_PARALLELISM")
                    .hasMessageContaining("twilio.send.parallelism")
                    .hasMessageContaining(text);
            assertThatThrownBy(() -> fromOne("twilio.send.max-attempts", text))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("twilio.send.max-attempts");
        }

        @Test
        void parallelismMustBeAtLeastOne() {
            assertThatThrownBy(() -> fromOne("TWILIO_SEND_PARALLELISM", "0"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("twilio.send.parallelism");
        }

        @Test
        void maxAttemptsMustBeAtLeastOne() {
            assertThatThrownBy(() -> fromOne("TWILIO_SEND_MAX_ATTEMPTS", "0"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("twilio.send.max-attempts");
        }
    }

    @Nested
    class BaseUrl {

        @Test
        void defaultsToTwilio() {
            assertThat(TwilioSettings.builder().build().apiBaseUrl()).isEqualTo(URI.create("https://api.twilio.com"));
        }

        @Test
        void trailingSlashIsDropped() {
            assertThat(TwilioSettings.builder().apiBaseUrl(URI.create("http://localhost:1234/sandbox/")).build().apiBaseUrl())
                    .isEqualTo(URI.create("http://localhost:1234/sandbox"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"ftp://api.twilio.com", "api.twilio.com", "/relative/path", "file:///etc/passwd"})
        void mustBeHttpUrl(String url) {
            assertThatThrownBy(() -> fromOne("TWILIO_API_BASE_URL", url))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("twilio.api-base-url");
        }
    }

    @Nested
    class StatusCallback {

        @Test
        void noneWithoutAPublicUrl() {
            assertThat(TwilioSettings.builder().build().statusCallbackUrl()).isNull();
            assertThat(fromOne("TWILIO_WEBHOOK_STATUS_PATH", "/hooks/status").statusCallbackUrl()).isNull();
        }

        @Test
        void thePublicUrlAndTheDefaultStatusPath() {
            assertThat(fromOne("TWILIO_WEBHOOK_URL", "https://bpm.example.com/app/").statusCallbackUrl())
                    .isEqualTo(URI.create("https://bpm.example.com/app/twilio/status"));
        }

        @Test
        void aStatusPathOfItsOwn() {
            Map<String, String> values = new HashMap<>();
            values.put("twilio.webhook.public-url", "https://bpm.example.com");
            values.put("TWILIO_WEBHOOK_STATUS_PATH", "hooks/delivery");
            assertThat(from(values).statusCallbackUrl()).isEqualTo(URI.create("https://bpm.example.com/hooks/delivery"));
        }

        @Test
        void canBeSwitchedOff() {
            Map<String, String> values = new HashMap<>();
            values.put("TWILIO_WEBHOOK_URL", "https://bpm.example.com");
            values.put("twilio.webhook.status-callback", "false");
            assertThat(from(values).statusCallbackUrl()).isNull();
        }

        @Test
        void credentialsInThePublicUrlNeverReachToString() {
            TwilioSettings settings = fromOne("TWILIO_WEBHOOK_URL", "https://hook:s3cret@bpm.example.com");

            assertThat(settings.statusCallbackUrl()).hasToString("https://hook:s3cret@bpm.example.com/twilio/status");
            assertThat(settings.toString()).contains("statusCallbackUrl=https://***@bpm.example.com/twilio/status")
                    .doesNotContain("s3cret");
        }

        @Test
        void aPublicUrlWithAQueryIsRefused() {
            assertThatThrownBy(() -> fromOne("TWILIO_WEBHOOK_URL", "https://bpm.example.com/app?tenant=1"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("without query or fragment");
        }

        @Test
        void mustBeHttpUrl() {
            assertThatThrownBy(() -> fromOne("TWILIO_WEBHOOK_URL", "bpm.example.com"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("twilio.webhook.public-url");
        }
    }

    @Nested
    class CredentialChecks {

        private final TwilioSettings none = TwilioSettings.builder().build();

        @Test
        void nothingSet() {
            assertThat(none.credentialsProblem()).contains(TwilioSettings.MISSING_CREDENTIALS);
            assertThat(none.credentials()).isEmpty();
        }

        @Test
        void accountWithoutToken() {
            TwilioSettings settings = none.toBuilder().accountSid(ACCOUNT).build();
            assertThat(settings.credentialsProblem()).contains(TwilioSettings.MISSING_CREDENTIALS);
            assertThat(settings.credentials()).isEmpty();
        }

        @Test
        void tokenWithoutAccount() {
            TwilioSettings settings = none.toBuilder().authToken(TOKEN).build();
            assertThat(settings.credentialsProblem()).contains(TwilioSettings.MISSING_CREDENTIALS);
            assertThat(settings.credentials()).isEmpty();
        }

        @Test
        void apiKeyWithoutSecret() {
            TwilioSettings settings = none.toBuilder().accountSid(ACCOUNT).authToken(TOKEN).apiKey(API_KEY).apiSecret(" ").build();
            assertThat(settings.credentialsProblem()).contains(TwilioSettings.API_KEY_WITHOUT_SECRET);
            assertThat(settings.credentials()).isEmpty();
        }

        @Test
        void secretWithoutApiKey() {
            TwilioSettings settings = none.toBuilder().accountSid(ACCOUNT).authToken(TOKEN).apiSecret(API_SECRET).build();
            assertThat(settings.credentialsProblem()).contains(TwilioSettings.API_SECRET_WITHOUT_KEY);
            assertThat(settings.credentials()).isEmpty();
        }

        @Test
        void accountNotStartingWithAc() {
            TwilioSettings settings = none.toBuilder().accountSid("XX0123456789abcdef0123456789abcdef").authToken(TOKEN).build();
            assertThat(settings.credentialsProblem()).contains(TwilioSettings.ACCOUNT_NOT_A_SID);
            assertThat(settings.credentials()).isEmpty();
        }

        @Test
        void apiKeyWithoutAccount() {
            TwilioSettings settings = none.toBuilder().apiKey(API_KEY).apiSecret(API_SECRET).build();
            assertThat(settings.credentialsProblem()).contains(TwilioSettings.MISSING_CREDENTIALS);
        }

        @Test
        void tokenCredentials() {
            TwilioSettings settings = none.toBuilder().accountSid(ACCOUNT).authToken(TOKEN).build();
            assertThat(settings.credentialsProblem()).isEmpty();
            assertThat(settings.credentials()).contains(Credentials.ofToken(ACCOUNT, TOKEN));
            Credentials credentials = settings.credentials().orElseThrow();
            assertThat(credentials.username()).isEqualTo(ACCOUNT);
            assertThat(credentials.secret()).isEqualTo(TOKEN);
            assertThat(credentials.usesApiKey()).isFalse();
        }

        @Test
        void apiKeyIsPreferredOverToken() {
            TwilioSettings settings = none.toBuilder().accountSid(ACCOUNT).authToken(TOKEN)
                    .apiKey(API_KEY).apiSecret(API_SECRET).build();
            Credentials credentials = settings.credentials().orElseThrow();
            assertThat(credentials.accountSid()).isEqualTo(ACCOUNT);
            assertThat(credentials.username()).isEqualTo(API_KEY);
            assertThat(credentials.secret()).isEqualTo(API_SECRET);
            assertThat(credentials.usesApiKey()).isTrue();
        }

        @Test
        void apiKeyWithoutTokenIsEnough() {
            TwilioSettings settings = none.toBuilder().accountSid(ACCOUNT).apiKey(API_KEY).apiSecret(API_SECRET).build();
            assertThat(settings.credentialsProblem()).isEmpty();
            assertThat(settings.credentials()).contains(Credentials.ofApiKey(ACCOUNT, API_KEY, API_SECRET));
        }
    }

    @Nested
    class Redaction {

        @Test
        void toStringShowsNoSecret() {
            TwilioSettings settings = TwilioSettings.builder().accountSid(ACCOUNT).authToken(TOKEN)
                    .apiKey(API_KEY).apiSecret(API_SECRET).build();

            assertThat(settings.toString())
                    .doesNotContain(TOKEN)
                    .doesNotContain(API_SECRET)
                    .contains(ACCOUNT)
                    .contains("authToken=***")
                    .contains("apiSecret=***");
        }

        @Test
        void toStringSaysWhatIsUnset() {
            assertThat(TwilioSettings.builder().build().toString()).contains("authToken=unset").contains("apiSecret=unset");
        }

        @Test
        void credentialsToStringShowsNoSecret() {
            assertThat(Credentials.ofToken(ACCOUNT, TOKEN).toString()).doesNotContain(TOKEN).contains(ACCOUNT);
            assertThat(Credentials.ofApiKey(ACCOUNT, API_KEY, API_SECRET).toString()).doesNotContain(API_SECRET).contains(API_KEY);
        }
    }

    @Nested
    class Building {

        @Test
        void theBuilderStartsFromEveryDefault() {
            TwilioSettings settings = TwilioSettings.builder().accountSid(ACCOUNT).authToken(TOKEN).build();

            assertThat(settings.toBuilder().accountSid(null).authToken(null).build()).isEqualTo(from(Map.of()));
            assertThat(settings.toBuilder().renderTimeout(Duration.ofMillis(400)).build().renderTimeout()).isEqualTo(Duration.ofMillis(400));
            assertThat(settings.toBuilder().renderTimeout(Duration.ofMillis(400)).build().toString()).contains("renderTimeout=PT0.4S");
        }

        @Test
        void aSettingWithADefaultCannotBeUnset() {
            assertThatThrownBy(() -> TwilioSettings.builder().readTimeout(null).build())
                    .isInstanceOf(NullPointerException.class).hasMessage("twilio.http.read-timeout");
            assertThatThrownBy(() -> TwilioSettings.builder().apiBaseUrl(null).build())
                    .isInstanceOf(NullPointerException.class).hasMessage("twilio.api-base-url");
        }

        @Test
        void theBuilderChecksLikeTheReading() {
            assertThatThrownBy(() -> TwilioSettings.builder().parallelism(0).build())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twilio.send.parallelism");
            assertThatThrownBy(() -> TwilioSettings.builder().renderTimeout(Duration.ZERO).build())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twilio.templates.render-timeout");
            assertThatThrownBy(() -> TwilioSettings.builder().apiBaseUrl(URI.create("ftp://api.twilio.com")).build())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twilio.api-base-url");
        }
    }

    @Test
    void toBuilderChangesOnlyWhatIsSet() {
        TwilioSettings base = TwilioSettings.builder().accountSid(ACCOUNT).authToken(TOKEN).build();
        TwilioSettings changed = base.toBuilder().connectTimeout(Duration.ofMillis(100)).readTimeout(Duration.ofMillis(200))
                .parallelism(2).retry(new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(5)))
                .defaultFrom("+15005550006").build();

        assertThat(changed.accountSid()).isEqualTo(ACCOUNT);
        assertThat(changed.authToken()).isEqualTo(TOKEN);
        assertThat(changed.connectTimeout()).isEqualTo(Duration.ofMillis(100));
        assertThat(changed.readTimeout()).isEqualTo(Duration.ofMillis(200));
        assertThat(changed.parallelism()).isEqualTo(2);
        assertThat(changed.retry().maxAttempts()).isEqualTo(3);
        assertThat(changed.defaultFrom()).isEqualTo("+15005550006");
        assertThat(base.readTimeout()).isEqualTo(Duration.ofSeconds(30));
    }
}

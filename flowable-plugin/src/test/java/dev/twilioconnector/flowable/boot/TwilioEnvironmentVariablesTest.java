package dev.twilioconnector.flowable.boot;

import dev.twilioconnector.core.settings.RetryPolicy;
import dev.twilioconnector.core.settings.Setting;
import dev.twilioconnector.core.settings.TwilioSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.UrlResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every environment variable the documentation names binds, in a Spring Boot application, to its
 * {@code twilio.*} property: the process environment is replaced by one holding just the variables
 * under test, and {@link TwilioEnvironmentVariables} runs on it as Spring Boot runs it at start-up.
 */
class TwilioEnvironmentVariablesTest {

    private static final String ACCOUNT = "AC0123456789abcdef0123456789abcdef";
    private static final String API_KEY = "SK0123456789abcdef0123456789abcdef";
    private static final String MESSAGING_SERVICE = "MG0123456789abcdef0123456789abcdef";

    /** A documented variable, a value other than its default, and where that value must arrive. */
    record Variable(String name, String value, Function<TwilioProperties, Object> bound, Object expected) {
        @Override
        public String toString() {
            return name + "=" + value;
        }
    }

    static Stream<Variable> documentedVariables() {
        return Stream.of(
                new Variable("TWILIO_ACCOUNT", ACCOUNT, TwilioProperties::account, ACCOUNT),
                new Variable("TWILIO_TOKEN", "env-token", TwilioProperties::token, "env-token"),
                new Variable("TWILIO_API_KEY", API_KEY, TwilioProperties::apiKey, API_KEY),
                new Variable("TWILIO_API_SECRET", "env-secret", TwilioProperties::apiSecret, "env-secret"),
                new Variable("TWILIO_API_BASE_URL", "http://127.0.0.1:9999/emulator", TwilioProperties::apiBaseUrl,
                        URI.create("http://127.0.0.1:9999/emulator")),
                new Variable("TWILIO_FROM", "+15005550006", TwilioProperties::defaultFrom, "+15005550006"),
                new Variable("TWILIO_MESSAGING_SERVICE_SID", MESSAGING_SERVICE, TwilioProperties::messagingServiceSid, MESSAGING_SERVICE),
                new Variable("TWILIO_HTTP_CONNECT_TIMEOUT", "2s", twilio -> twilio.http().connectTimeout(), Duration.ofSeconds(2)),
                new Variable("TWILIO_HTTP_READ_TIMEOUT", "45000", twilio -> twilio.http().readTimeout(), Duration.ofSeconds(45)),
                new Variable("TWILIO_SEND_PARALLELISM", "5", twilio -> twilio.send().parallelism(), 5),
                new Variable("TWILIO_SEND_MAX_ATTEMPTS", "2", twilio -> twilio.send().maxAttempts(), 2),
                new Variable("TWILIO_SEND_INITIAL_BACKOFF", "50ms", twilio -> twilio.send().initialBackoff(), Duration.ofMillis(50)),
                new Variable("TWILIO_SEND_MAX_BACKOFF", "PT4S", twilio -> twilio.send().maxBackoff(), Duration.ofSeconds(4)),
                new Variable("TWILIO_TEMPLATES_RENDER_TIMEOUT", "PT1.5S", twilio -> twilio.templates().renderTimeout(),
                        Duration.ofMillis(1500)),
                new Variable("TWILIO_WEBHOOK_URL", "https://sms.example.com/app", twilio -> twilio.webhook().publicUrl(),
                        URI.create("https://sms.example.com/app")),
                new Variable("TWILIO_WEBHOOK_STATUS_PATH", "/hooks/delivery", twilio -> twilio.webhook().statusPath(), "/hooks/delivery"),
                new Variable("TWILIO_WEBHOOK_STATUS_CALLBACK", "false", twilio -> twilio.webhook().statusCallback(), false),
                new Variable("TWILIO_TRIGGERS", "file:/etc/twilio/triggers.yml", twilio -> twilio.triggers().location(),
                        "file:/etc/twilio/triggers.yml"),
                new Variable("TWILIO_EVENTS_KEEP_STATUS", "30m", twilio -> twilio.events().keepStatus(), Duration.ofMinutes(30)),
                new Variable("TWILIO_EVENTS_KEEP_REPLY", "0s", twilio -> twilio.events().keepReply(), Duration.ZERO));
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(TwilioConnectorAutoConfiguration.class));

    /** The application's environment with {@code variables} as the whole process environment, post-processed as at start-up. */
    private ApplicationContextRunner withEnvironmentVariables(Map<String, Object> variables) {
        return runner.withInitializer(context -> {
            StandardEnvironment environment = (StandardEnvironment) context.getEnvironment();
            environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                    new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
            new TwilioEnvironmentVariables().postProcessEnvironment(environment, null);
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documentedVariables")
    void eachDocumentedVariableBindsToItsProperty(Variable variable) {
        withEnvironmentVariables(Map.of()).run(context ->
                assertThat(variable.bound().apply(context.getBean(TwilioProperties.class))).as("without the variable")
                        .isNotEqualTo(variable.expected()));

        withEnvironmentVariables(Map.of(variable.name(), variable.value())).run(context ->
                assertThat(variable.bound().apply(context.getBean(TwilioProperties.class))).isEqualTo(variable.expected()));
    }

    @Test
    void everyDocumentedVariableIsTested() throws IOException {
        Set<String> tested = documentedVariables().map(Variable::name).collect(Collectors.toCollection(TreeSet::new));

        assertThat(tested).as("the variables the connector reads").isEqualTo(
                Arrays.stream(Setting.values()).map(Setting::environmentVariable).collect(Collectors.toCollection(TreeSet::new)));
        assertThat(tested).as("the variables README.md's Configuration section names").containsAll(readmeConfigurationVariables());
    }

    @Test
    void theSettingsSeeEveryVariableAtOnce() {
        Map<String, Object> variables = new LinkedHashMap<>();
        documentedVariables().forEach(variable -> variables.put(variable.name(), variable.value()));
        variables.put("TWILIO_WEBHOOK_STATUS_CALLBACK", "true");

        withEnvironmentVariables(variables).run(context -> {
            TwilioSettings settings = context.getBean(TwilioSettings.class);
            assertThat(settings.accountSid()).isEqualTo(ACCOUNT);
            assertThat(settings.authToken()).isEqualTo("env-token");
            assertThat(settings.apiKey()).isEqualTo(API_KEY);
            assertThat(settings.apiSecret()).isEqualTo("env-secret");
            assertThat(settings.apiBaseUrl()).isEqualTo(URI.create("http://127.0.0.1:9999/emulator"));
            assertThat(settings.defaultFrom()).isEqualTo("+15005550006");
            assertThat(settings.messagingServiceSid()).isEqualTo(MESSAGING_SERVICE);
            assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
            assertThat(settings.readTimeout()).isEqualTo(Duration.ofSeconds(45));
            assertThat(settings.parallelism()).isEqualTo(5);
            assertThat(settings.retry()).isEqualTo(new RetryPolicy(2, Duration.ofMillis(50), Duration.ofSeconds(4)));
            assertThat(settings.statusCallbackUrl()).isEqualTo(URI.create("https://sms.example.com/app/hooks/delivery"));
            assertThat(settings.renderTimeout()).isEqualTo(Duration.ofMillis(1500));
        });
    }

    @Test
    void blankVariablesCountAsUnset() {
        withEnvironmentVariables(Map.of("TWILIO_FROM", " ", "TWILIO_HTTP_READ_TIMEOUT", "")).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(TwilioSettings.class)).isEqualTo(TwilioSettings.builder().build());
        });
    }

    @Test
    void environmentVariablesRankLikeAnyOther() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        Map.of("TWILIO_FROM", "+15005550001", "TWILIO_ACCOUNT", "ACfromEnvironment")));
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME,
                new MapPropertySource(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME, Map.of("twilio.account", "ACfromSystemProperty")));
        environment.getPropertySources().addLast(new MapPropertySource("application.properties", Map.of("twilio.default-from", "+15005550002")));

        new TwilioEnvironmentVariables().postProcessEnvironment(environment, null);

        assertThat(environment.getProperty("twilio.default-from")).as("environment beats application files").isEqualTo("+15005550001");
        assertThat(environment.getProperty("twilio.account")).as("system properties beat the environment").isEqualTo("ACfromSystemProperty");
    }

    @Test
    void springBootRunsThePostProcessorAtStartUp() throws IOException {
        List<String> registered = new ArrayList<>();
        for (URL url : Collections.list(getClass().getClassLoader().getResources("META-INF/spring.factories"))) {
            String names = PropertiesLoaderUtils.loadProperties(new UrlResource(url)).getProperty(EnvironmentPostProcessor.class.getName());
            if (names != null) {
                Arrays.stream(names.split(",")).map(String::trim).forEach(registered::add);
            }
        }

        assertThat(registered).contains(TwilioEnvironmentVariables.class.getName());
    }

    /** The {@code TWILIO_…} names in the first column of README.md's Configuration table (none when the README is not there). */
    private static Set<String> readmeConfigurationVariables() throws IOException {
        Path readme = Path.of("..", "README.md");
        if (!Files.exists(readme)) {
            return Set.of();
        }
        String text = Files.readString(readme);
        int start = text.indexOf("\n## Configuration");
        assertThat(start).as("README.md has a Configuration section").isNotNegative();
        int end = text.indexOf("\n## ", start + 1);
        Set<String> names = new TreeSet<>();
        Matcher row = Pattern.compile("(?m)^\\| ([^|]*)\\|").matcher(text.substring(start, end < 0 ? text.length() : end));
        while (row.find()) {
            Matcher name = Pattern.compile("`(TWILIO_[A-Z_]+)`").matcher(row.group(1));
            while (name.find()) {
                names.add(name.group(1));
            }
        }
        assertThat(names).as("README.md's Configuration table names environment variables").isNotEmpty();
        return names;
    }
}

package dev.twilioconnector.sample.sandbox;

import dev.twilioconnector.core.settings.TwilioSettings;
import dev.twilioconnector.emulator.Account;
import dev.twilioconnector.emulator.TwilioEmulator;
import dev.twilioconnector.flowable.boot.TwilioProperties;
import org.apache.commons.logging.Log;
import org.junit.jupiter.api.Test;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.UrlResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;
import org.springframework.mock.env.MockEnvironment;

import java.lang.reflect.Proxy;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** When sandbox mode switches on, what it sets, and that its beans exist only then. */
class SandboxModeTest {

    private final List<String> logged = Collections.synchronizedList(new ArrayList<>());
    private final SandboxMode mode = new SandboxMode(destination -> capturingLog());

    @Test
    void withoutCredentialsTheSandboxIsConfigured() {
        MockEnvironment environment = new MockEnvironment().withProperty("server.port", "9999");

        mode.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getPropertySources().contains(SandboxMode.PROPERTY_SOURCE_NAME)).isTrue();
        assertThat(environment.getProperty("twilio.sandbox.enabled")).isEqualTo("true");
        assertThat(environment.getProperty("twilio.account")).isEqualTo("ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
        assertThat(environment.getProperty("twilio.token")).matches("^[0-9a-f]{32}$");
        assertThat(environment.getProperty("twilio.api-base-url")).isEqualTo("http://127.0.0.1:9999/sandbox");
        assertThat(environment.getProperty("twilio.default-from")).isEqualTo("+15005550006");
        assertThat(environment.getProperty("twilio.webhook.public-url")).isEqualTo("http://127.0.0.1:9999");
    }

    @Test
    void withoutCredentialsTheServerListensOnLoopbackOnlyAndHealthShowsItsDetails() {
        MockEnvironment environment = new MockEnvironment();

        mode.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("server.address")).isEqualTo("127.0.0.1");
        assertThat(environment.getProperty(SandboxMode.HEALTH_DETAILS)).isEqualTo("always");
        assertThat(environment.getProperty("spring.security.user.password")).as("no generated login password to print")
                .matches("^[0-9a-f]{32}$").isNotEqualTo(environment.getProperty("twilio.token"));
        assertThat(logged).singleElement().satisfies(line -> assertThat(line).contains("listens on 127.0.0.1 only")
                .doesNotContain(environment.getProperty("spring.security.user.password")));
    }

    @Test
    void aServerAddressTheUserGaveWins() {
        MockEnvironment environment = new MockEnvironment().withProperty("server.address", "0.0.0.0");

        mode.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("server.address")).isEqualTo("0.0.0.0");
        assertThat(logged).noneMatch(line -> line.contains("127.0.0.1 only"))
                .anySatisfy(line -> assertThat(line).startsWith("WARN").contains("ask nobody to log in"));
    }

    @Test
    void withCredentialsTheServerAddressAndTheHealthDetailsAreLeftAlone() {
        MockEnvironment environment = new MockEnvironment().withProperty("twilio.account", "AC123").withProperty("twilio.token", "secret");

        mode.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("server.address")).isNull();
        assertThat(environment.getProperty(SandboxMode.HEALTH_DETAILS)).isNull();
        assertThat(environment.getProperty("spring.security.user.password")).isNull();
    }

    @Test
    void thePortIsResolvedWhenReadAndDefaultsTo8080() {
        MockEnvironment environment = new MockEnvironment();
        mode.postProcessEnvironment(environment, new SpringApplication());
        assertThat(environment.getProperty("twilio.api-base-url")).isEqualTo("http://127.0.0.1:8080/sandbox");

        environment.getPropertySources().addFirst(new MapPropertySource("later", Map.of("server.port", "4321",
                "server.servlet.context-path", "/app")));
        assertThat(environment.getProperty("twilio.api-base-url")).isEqualTo("http://127.0.0.1:4321/app/sandbox");
    }

    @Test
    void everyStartHasItsOwnTokenAndTheLogNeverShowsIt() {
        MockEnvironment first = new MockEnvironment();
        MockEnvironment second = new MockEnvironment();

        mode.postProcessEnvironment(first, new SpringApplication());
        mode.postProcessEnvironment(second, new SpringApplication());

        String token = first.getProperty("twilio.token");
        assertThat(token).isNotEqualTo(second.getProperty("twilio.token"));
        assertThat(logged).hasSize(2).allSatisfy(line -> {
            assertThat(line).startsWith("INFO ").contains("sandbox mode is on");
            assertThat(line).doesNotContain(token).doesNotContain(second.getProperty("twilio.token"));
        });
    }

    @Test
    void anAccountPropertySwitchesTheSandboxOff() {
        MockEnvironment environment = new MockEnvironment().withProperty("twilio.account", "AC123").withProperty("twilio.token", "secret");

        mode.postProcessEnvironment(environment, new SpringApplication());

        assertSandboxOff(environment);
        assertThat(environment.getProperty("twilio.token")).isEqualTo("secret");
    }

    @Test
    void anAccountEnvironmentVariableSwitchesTheSandboxOff() {
        MockEnvironment environment = new MockEnvironment().withProperty("TWILIO_ACCOUNT", "AC123");

        mode.postProcessEnvironment(environment, new SpringApplication());

        assertSandboxOff(environment);
    }

    @Test
    void aRealEnvironmentVariableIsSeenThroughTheSystemEnvironment() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new org.springframework.core.env.SystemEnvironmentPropertySource(
                        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.<String, Object>of("TWILIO_ACCOUNT", "AC123")));

        mode.postProcessEnvironment(environment, new SpringApplication());

        assertSandboxOff(environment);
        assertThat(environment.getProperty("twilio.account")).isEqualTo("AC123");
    }

    @Test
    void sandboxDisabledExplicitlyStaysOff() {
        MockEnvironment environment = new MockEnvironment().withProperty("twilio.sandbox.enabled", "false");

        mode.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getPropertySources().contains(SandboxMode.PROPERTY_SOURCE_NAME)).isFalse();
        assertThat(environment.getProperty("twilio.account")).isNull();
        assertThat(logged).isEmpty();
    }

    @Test
    void blankSettingsCountAsUnsetAndDoNotHideTheSandboxValues() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("twilio.account", "${TWILIO_ACCOUNT:}")
                .withProperty("twilio.token", "");

        mode.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("twilio.account")).isEqualTo(SandboxMode.ACCOUNT_SID);
        assertThat(environment.getProperty("twilio.token")).matches("^[0-9a-f]{32}$");
        assertThat(environment.getProperty("twilio.sandbox.enabled")).isEqualTo("true");
    }

    @Test
    void settingsTheUserGaveWin() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("twilio.default-from", "+15550000000")
                .withProperty("twilio.api-base-url", "http://localhost:9000/twilio");

        mode.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("twilio.account")).isEqualTo(SandboxMode.ACCOUNT_SID);
        assertThat(environment.getProperty("twilio.default-from")).isEqualTo("+15550000000");
        assertThat(environment.getProperty("twilio.api-base-url")).isEqualTo("http://localhost:9000/twilio");
        assertThat(logged).anySatisfy(line -> assertThat(line).startsWith("WARN ").contains("twilio.api-base-url"));
    }

    @Test
    void theSandboxSettingsMakeValidConnectorSettings() {
        MockEnvironment environment = new MockEnvironment().withProperty("server.port", "8081");

        mode.postProcessEnvironment(environment, new SpringApplication());
        TwilioSettings settings = TwilioSettings.from(environment::getProperty);

        assertThat(settings.credentialsProblem()).isEmpty();
        assertThat(settings.apiBaseUrl()).hasToString("http://127.0.0.1:8081/sandbox");
        assertThat(settings.toString()).doesNotContain(settings.authToken());
    }

    @Test
    void theEnvironmentPostProcessorIsRegisteredForBoot() throws Exception {
        List<String> registered = new ArrayList<>();
        for (URL url : Collections.list(getClass().getClassLoader().getResources("META-INF/spring.factories"))) {
            Properties factories = PropertiesLoaderUtils.loadProperties(new UrlResource(url));
            String names = factories.getProperty(EnvironmentPostProcessor.class.getName());
            if (names != null) {
                for (String name : names.split(",")) {
                    registered.add(name.trim());
                }
            }
        }

        assertThat(registered).contains(SandboxMode.class.getName());
    }

    @Test
    void theSandboxBeansExistOnlyInSandboxMode() {
        ApplicationContextRunner runner = new ApplicationContextRunner()
                .withConfiguration(org.springframework.boot.autoconfigure.AutoConfigurations.of(PropertyPlaceholderAutoConfiguration.class))
                .withBean(TwilioSettings.class,
                        () -> TwilioSettings.builder().accountSid(SandboxMode.ACCOUNT_SID).authToken("t".repeat(32)).build())
                .withUserConfiguration(TwilioPropertiesBound.class, SandboxConfiguration.class, SandboxApi.class);

        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(TwilioEmulator.class);
            assertThat(context).doesNotHaveBean(SandboxWebhook.class);
            assertThat(context).doesNotHaveBean(SandboxApi.class);
        });
        runner.withPropertyValues("twilio.sandbox.enabled=false").run(context -> assertThat(context).doesNotHaveBean(SandboxApi.class));
        runner.withPropertyValues("twilio.sandbox.enabled=true").run(context -> {
            assertThat(context).hasSingleBean(TwilioEmulator.class);
            assertThat(context).hasSingleBean(SandboxWebhook.class);
            assertThat(context).hasSingleBean(SandboxApi.class);
            assertThat(context.getBean(TwilioEmulator.class).account()).isEqualTo(Account.of(SandboxMode.ACCOUNT_SID, "t".repeat(32)));
        });
    }

    @Test
    void theSandboxKnowsTheConnectorsAccountNumberAndApiKey() {
        TwilioSettings settings = TwilioSettings.builder().accountSid(SandboxMode.ACCOUNT_SID).authToken("t".repeat(32))
                .defaultFrom("+15550000000").apiKey("SK" + "1".repeat(32)).apiSecret("key-secret").build();

        assertThat(SandboxConfiguration.account(settings)).isEqualTo(Account.of(SandboxMode.ACCOUNT_SID, "t".repeat(32))
                .withNumber("+15550000000").withApiKey("SK" + "1".repeat(32), "key-secret"));
    }

    @Test
    void sandboxModeAskedForWithAnAccountIsRefusedSoTheLoginStays() {
        MockEnvironment environment = new MockEnvironment().withProperty("twilio.account", "AC0123456789abcdef0123456789abcdef")
                .withProperty("twilio.token", "real-token").withProperty("twilio.sandbox.enabled", "true");

        mode.postProcessEnvironment(environment, new SpringApplication());

        assertThat(SandboxMode.isOn(environment)).isFalse();
        assertThat(environment.getProperty("server.address")).as("not bound to loopback: it is not the sandbox").isNull();
        assertThat(environment.getProperty("twilio.api-base-url")).isNull();
        assertThat(logged).singleElement().satisfies(line -> assertThat(line).startsWith("WARN").contains("is ignored"));
    }

    private static void assertSandboxOff(ConfigurableEnvironment environment) {
        assertThat(environment.getPropertySources().contains(SandboxMode.PROPERTY_SOURCE_NAME)).isFalse();
        assertThat(environment.getProperty("twilio.sandbox.enabled")).isNull();
        assertThat(environment.getProperty("twilio.api-base-url")).isNull();
    }

    /** A commons-logging {@link Log} that writes {@code LEVEL message} lines to {@link #logged}. */
    private Log capturingLog() {
        return (Log) Proxy.newProxyInstance(Log.class.getClassLoader(), new Class<?>[]{Log.class}, (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> "capturing log";
                };
            }
            if (method.getName().startsWith("is")) {
                return true;
            }
            if (args != null && args.length > 0 && method.getReturnType() == void.class) {
                logged.add(method.getName().toUpperCase() + " " + args[0]);
            }
            return method.getReturnType() == void.class ? null : method.getDefaultValue();
        });
    }

    /** The {@code twilio.*} binding the sandbox phone reads its webhook from, as the auto-configuration provides it. */
    @EnableConfigurationProperties(TwilioProperties.class)
    static class TwilioPropertiesBound {
    }
}

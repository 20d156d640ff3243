package dev.twilioconnector.sample.sandbox;

import dev.twilioconnector.core.settings.Setting;
import org.apache.commons.logging.Log;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Switches the sample application to sandbox mode when no Twilio account is configured: the connector
 * then talks, over its real HTTP path, to the Twilio-compatible emulator inside this application
 * ({@link SandboxApi} under {@code /sandbox}), and inbound messages come from the emulator's phones.
 *
 * <p>Sandbox mode is on when neither {@code twilio.account} nor {@code TWILIO_ACCOUNT} has a value and
 * {@code twilio.sandbox.enabled} is not {@code false}. It then adds, as the last property source, the
 * sandbox account ({@link #ACCOUNT_SID}), a fresh random auth token per start (never logged), the API
 * base URL {@code http://127.0.0.1:${server.port}/sandbox} (resolved when the properties are bound, so
 * a port given later, e.g. by a test, still counts), the default sender {@link #DEFAULT_FROM} and the
 * public URL {@link #PUBLIC_URL}, so that SEND_SMS asks for delivery reports and the sandbox sends them.
 * It also keeps the sandbox to this machine: the server listens on {@link #LOOPBACK} only
 * ({@code server.address}), since the sandbox asks nobody to log in (so there is no generated login password
 * to print either: {@code spring.security.user.password} gets a random one); and, as nothing in it is secret,
 * {@code /actuator/health} shows its details to everyone ({@link #HEALTH_DETAILS}, which
 * {@code application.properties} reads; elsewhere only a logged-in user sees them).
 * A setting the user gave a value wins; a blank one (such as {@code twilio.token=${TWILIO_TOKEN:}})
 * does not, because the source is then ranked first (it still holds only the settings without a value).
 * With credentials configured nothing is added and {@code twilio.sandbox.enabled} stays unset.
 */
public final class SandboxMode implements EnvironmentPostProcessor, Ordered {

    public static final String ENABLED = SandboxProperties.PREFIX + ".enabled";
    public static final String PROPERTY_SOURCE_NAME = "twilioSandbox";
    /** The sandbox's account: public, it protects nothing (the token does). */
    public static final String ACCOUNT_SID = "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    /** Twilio's magic test number, the sandbox's own number and default sender. */
    public static final String DEFAULT_FROM = "+15005550006";
    public static final String BASE_PATH = "/sandbox";
    /** The only interface the sandbox listens on unless {@code server.address} says otherwise. */
    public static final String LOOPBACK = "127.0.0.1";
    /** The sample's own property behind {@code management.endpoint.health.show-details}; see {@code application.properties}. */
    public static final String HEALTH_DETAILS = "sample.health.show-details";
    /** Where the sandbox reaches the application's webhooks, delivery reports included. */
    public static final String PUBLIC_URL = "http://" + LOOPBACK + ":${server.port:8080}${server.servlet.context-path:}";
    public static final String API_BASE_URL = PUBLIC_URL + BASE_PATH;

    private static final String SERVER_ADDRESS = "server.address";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Log log;

    public SandboxMode(DeferredLogFactory logs) {
        this.log = logs.getLog(SandboxMode.class);
    }

    @Override
    public int getOrder() {
        // After the application's own files (config data) and command line are in place.
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Boolean asked = SandboxProperties.of(environment).enabled();
        if (Boolean.FALSE.equals(asked)) {
            return;
        }
        if (Value.of(environment, Setting.ACCOUNT) == Value.PRESENT) {
            if (Boolean.TRUE.equals(asked)) {
                // With an account the connector talks to Twilio: opening the sandbox's doors (no login, no loopback
                // bound) would let anyone send SMS on that account.
                environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME, Map.of(ENABLED, "false")));
                log.warn(ENABLED + "=true is ignored: a Twilio account is configured (TWILIO_ACCOUNT / twilio.account), so the "
                        + "sample talks to Twilio and its console and REST API ask for a login. Leave the account out for the sandbox.");
            }
            return;
        }
        Map<String, Object> sandbox = new LinkedHashMap<>();
        boolean shadowedByBlank = false;
        shadowedByBlank |= offer(environment, sandbox, ENABLED, null, "true");
        shadowedByBlank |= offer(environment, sandbox, Setting.ACCOUNT.property(), Setting.ACCOUNT, ACCOUNT_SID);
        shadowedByBlank |= offer(environment, sandbox, Setting.TOKEN.property(), Setting.TOKEN, newToken());
        shadowedByBlank |= offer(environment, sandbox, Setting.API_BASE_URL.property(), Setting.API_BASE_URL, API_BASE_URL);
        shadowedByBlank |= offer(environment, sandbox, Setting.DEFAULT_FROM.property(), Setting.DEFAULT_FROM, DEFAULT_FROM);
        shadowedByBlank |= offer(environment, sandbox, Setting.WEBHOOK_URL.property(), Setting.WEBHOOK_URL, PUBLIC_URL);
        shadowedByBlank |= offer(environment, sandbox, SERVER_ADDRESS, null, LOOPBACK);
        shadowedByBlank |= offer(environment, sandbox, HEALTH_DETAILS, null, "always");
        // Nobody logs in to the sandbox: without this, Spring Boot would print a generated password that opens nothing.
        shadowedByBlank |= offer(environment, sandbox, "spring.security.user.password", null, newToken());
        MapPropertySource source = new MapPropertySource(PROPERTY_SOURCE_NAME, sandbox);
        if (shadowedByBlank) {
            environment.getPropertySources().addFirst(source);
        } else {
            environment.getPropertySources().addLast(source);
        }
        log.info("Twilio sandbox mode is on: no Twilio account is configured (TWILIO_ACCOUNT / twilio.account), so the "
                + "connector sends to the local Twilio emulator under " + BASE_PATH + " as account " + ACCOUNT_SID
                + " and incoming SMS come from the sandbox phone. Set TWILIO_ACCOUNT and TWILIO_TOKEN to use Twilio."
                + (sandbox.containsKey(SERVER_ADDRESS)
                ? " Nobody needs to log in to the sandbox, so it listens on " + LOOPBACK + " only (server.address)." : ""));
        if (!sandbox.containsKey(SERVER_ADDRESS)) {
            log.warn("Twilio sandbox mode is on and server.address is set (" + environment.getProperty(SERVER_ADDRESS)
                    + "): the sandbox's console and REST API ask nobody to log in, and whoever reaches that address can use them");
        }
        if (!sandbox.containsKey(Setting.API_BASE_URL.property())) {
            log.warn("Twilio sandbox mode is on, but twilio.api-base-url / TWILIO_API_BASE_URL is set: the connector sends there, "
                    + "not to the sandbox");
        }
    }

    /** Adds the sandbox's value unless the setting already has one; answers whether a blank value would hide it. */
    private static boolean offer(ConfigurableEnvironment environment, Map<String, Object> sandbox, String property,
                                 Setting setting, String value) {
        Value current = setting == null ? Value.of(environment, property, null) : Value.of(environment, setting);
        if (current == Value.PRESENT) {
            return false;
        }
        sandbox.put(property, value);
        return current == Value.BLANK;
    }

    /** Whether this application runs in sandbox mode (set by {@link #postProcessEnvironment}). */
    public static boolean isOn(Environment environment) {
        return Boolean.TRUE.equals(SandboxProperties.of(environment).enabled());
    }

    static String newToken() {
        byte[] token = new byte[16];
        RANDOM.nextBytes(token);
        return HexFormat.of().formatHex(token);
    }

    /** Whether a setting resolves, read the way the binding reads it: the property, else its environment variable. */
    private enum Value {
        ABSENT, BLANK, PRESENT;

        static Value of(ConfigurableEnvironment environment, Setting setting) {
            return of(environment, setting.property(), setting.environmentVariable());
        }

        static Value of(ConfigurableEnvironment environment, String property, String variable) {
            Value value = read(environment, property);
            if (value == ABSENT && variable != null) {
                value = read(environment, variable);
            }
            return value;
        }

        private static Value read(ConfigurableEnvironment environment, String name) {
            String text;
            try {
                text = environment.getProperty(name);
            } catch (IllegalArgumentException unresolvablePlaceholder) {
                return PRESENT;
            }
            if (text == null) {
                return ABSENT;
            }
            return text.isBlank() ? BLANK : PRESENT;
        }
    }
}

package dev.twilioconnector.emulator;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The Twilio emulator for JUnit 5 tests, as GreenMail is for mail:
 * {@code @RegisterExtension static TwilioEmulatorExtension twilio = new TwilioEmulatorExtension();} or
 * {@code @ExtendWith(TwilioEmulatorExtension.class)}. Before the class's tests it starts the emulator
 * on a free port and points the connector at it through the system properties the connector reads,
 * which Spring Boot reads too and which win over application files and environment variables:
 * {@code twilio.api-base-url}, {@code twilio.account} and {@code twilio.token}. Before each test it
 * {@linkplain TwilioEmulator#reset() resets} the emulator; after the class it restores the properties.
 * Test and lifecycle methods may take a {@link TwilioEmulator} parameter.
 *
 * <p>Without a builder, every test class of the JVM gets the same emulator, started once, at the same
 * address with the same account: Spring caches application contexts across test classes, and a cached
 * context keeps talking to the emulator and with the token it started with. With a builder, the class
 * gets an emulator of its own, stopped after its tests.
 *
 * <p>System properties belong to the whole JVM: test classes that run in parallel should pass
 * {@link TwilioEmulator#baseUrl()} and the account to the connector themselves and use
 * {@link #withoutSystemProperties()}. Spring's test properties ({@code @SpringBootTest(properties = …)},
 * {@code @DynamicPropertySource}) win over system properties, so they must not name these three.
 */
public final class TwilioEmulatorExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback,
        ParameterResolver {

    public static final String API_BASE_URL = "twilio.api-base-url";
    public static final String ACCOUNT = "twilio.account";
    public static final String TOKEN = "twilio.token";

    private static TwilioEmulator shared;

    private final TwilioEmulator.Builder builder;
    private boolean setsProperties = true;
    private TwilioEmulator emulator;
    /** The properties' values before this extension set them; a missing value is {@code null}. */
    private Map<String, String> previous;
    /** How many class contexts (a class and its {@code @Nested} classes) are running. */
    private int classDepth;
    private boolean startedForOneTest;

    /** The JVM's shared emulator, with a random account. */
    public TwilioEmulatorExtension() {
        this.builder = null;
    }

    /** An emulator of this test class's own, set up by {@code builder}. */
    public TwilioEmulatorExtension(TwilioEmulator.Builder builder) {
        this.builder = Objects.requireNonNull(builder, "builder");
    }

    /** Leaves the system properties alone: the test points the connector at the emulator itself. */
    public TwilioEmulatorExtension withoutSystemProperties() {
        setsProperties = false;
        return this;
    }

    /** The running emulator. */
    public TwilioEmulator emulator() {
        if (emulator == null) {
            throw new IllegalStateException("the Twilio emulator runs only while the test class runs");
        }
        return emulator;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (classDepth++ == 0) {
            begin();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (--classDepth == 0) {
            end();
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (emulator == null) {
            // Registered on an instance field: JUnit calls no beforeAll, so the emulator lives for one test.
            begin();
            startedForOneTest = true;
        }
        emulator.reset();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (startedForOneTest) {
            startedForOneTest = false;
            end();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TwilioEmulator.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return emulator();
    }

    /**
     * The JVM's shared emulator, started on first use and stopped when the JVM ends: the one
     * {@code new TwilioEmulatorExtension()} uses, for what is set up once per JVM outside any test class
     * (an engine configuration file that names the connector's settings, say).
     */
    public static synchronized TwilioEmulator sharedEmulator() {
        if (shared == null) {
            TwilioEmulator started = TwilioEmulator.start();
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "twilio-emulator-shutdown"));
            shared = started;
        }
        return shared;
    }

    private void begin() {
        emulator = builder == null ? sharedEmulator() : builder.start();
        if (setsProperties) {
            previous = new LinkedHashMap<>();
            point(API_BASE_URL, emulator.baseUrl().toString());
            point(ACCOUNT, emulator.accountSid());
            point(TOKEN, emulator.authToken());
        }
    }

    private void end() {
        if (previous != null) {
            previous.forEach((name, value) -> {
                if (value == null) {
                    System.clearProperty(name);
                } else {
                    System.setProperty(name, value);
                }
            });
            previous = null;
        }
        if (builder != null) {
            emulator.close();
        }
        emulator = null;
    }

    private void point(String property, String value) {
        previous.put(property, System.getProperty(property));
        System.setProperty(property, value);
    }
}

package dev.twilioconnector.emulator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.twilioconnector.emulator.RawHttp.basic;
import static dev.twilioconnector.emulator.RawHttp.form;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

/**
 * The JUnit extension, run the way a user's build runs it: each fixture class below is a user's test
 * class, launched through the JUnit Platform, and what it saw is checked here. The fixtures are nested
 * static classes, which the build's own test run leaves out.
 */
class TwilioEmulatorExtensionTest {

    private static final List<String> PROPERTIES = List.of(TwilioEmulatorExtension.API_BASE_URL, TwilioEmulatorExtension.ACCOUNT,
            TwilioEmulatorExtension.TOKEN);
    /** What the fixtures saw, by what it is. */
    static final Map<String, Object> SEEN = new ConcurrentHashMap<>();
    static final List<TwilioEmulator> EMULATORS = new CopyOnWriteArrayList<>();

    private Map<String, String> before;

    @BeforeEach
    void aUserHasSomeOfThePropertiesSetAlready() {
        SEEN.clear();
        EMULATORS.clear();
        before = new HashMap<>();
        PROPERTIES.forEach(name -> before.put(name, System.getProperty(name)));
        System.setProperty(TwilioEmulatorExtension.ACCOUNT, "ACfromTheUsersBuild");
        System.clearProperty(TwilioEmulatorExtension.API_BASE_URL);
        System.clearProperty(TwilioEmulatorExtension.TOKEN);
    }

    @AfterEach
    void putThePropertiesBack() {
        before.forEach((name, value) -> {
            if (value == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, value);
            }
        });
    }

    @Test
    void theSharedEmulatorIsStartedBeforeAllPointedAtThroughSystemPropertiesAndResetBetweenTests() {
        run(SharedEmulator.class);

        TwilioEmulator emulator = EMULATORS.get(0);
        assertThat(EMULATORS).as("injected into both test instances and both tests").hasSize(4).containsOnly(emulator);
        assertThat(SEEN).containsEntry("baseUrl", emulator.baseUrl().toString())
                .containsEntry("account", emulator.accountSid())
                .containsEntry("token", emulator.authToken())
                .containsEntry("messages in the second test", 0)
                .containsEntry("sent in the first test", 1);
        assertPropertiesRestored();
        assertThat(TwilioEmulatorExtension.sharedEmulator()).isSameAs(emulator);
        assertThat(send(emulator)).as("the shared emulator keeps running for the next test class").isEqualTo(201);
    }

    @Test
    void everyTestClassGetsTheSameSharedEmulatorSoCachedSpringContextsKeepWorking() {
        run(SharedEmulator.class);
        run(ExtendedWith.class);

        assertThat(EMULATORS).hasSize(5).containsOnly(EMULATORS.get(0));
        assertThat(SEEN).containsEntry("@ExtendWith account", EMULATORS.get(0).accountSid());
        assertPropertiesRestored();
    }

    @Test
    void anEmulatorOfTheClassesOwnIsBuiltAsToldAndStoppedAfterItsTests() {
        run(OwnEmulator.class);

        assertThat(SEEN).containsEntry("account", OwnEmulator.ACCOUNT.sid()).containsEntry("token", OwnEmulator.ACCOUNT.authToken());
        assertPropertiesRestored();
        URI stopped = URI.create((String) SEEN.get("baseUrl"));
        assertThatThrownBy(() -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(stopped).build(), HttpResponse.BodyHandlers.discarding()))
                .isInstanceOf(ConnectException.class);
    }

    @Test
    void nestedClassesShareTheOuterClassesEmulatorAndPropertiesUntilTheOuterClassEnds() {
        run(WithNestedClass.class);

        assertThat(SEEN).containsEntry("nested baseUrl", SEEN.get("outer baseUrl"));
        assertThat(SEEN.get("outer baseUrl after nested")).isEqualTo(SEEN.get("outer baseUrl"));
        assertPropertiesRestored();
    }

    @Test
    void onAnInstanceFieldTheEmulatorLivesForOneTest() {
        run(InstanceField.class);

        assertThat(EMULATORS).hasSize(2);
        assertThat(EMULATORS.get(0)).isNotSameAs(EMULATORS.get(1));
        assertPropertiesRestored();
    }

    @Test
    void withoutSystemPropertiesTheTestPointsTheConnectorItself() {
        run(WithoutProperties.class);

        assertThat(SEEN).containsEntry("account property", "ACfromTheUsersBuild");
        assertPropertiesRestored();
    }

    private void assertPropertiesRestored() {
        assertThat(System.getProperty(TwilioEmulatorExtension.ACCOUNT)).isEqualTo("ACfromTheUsersBuild");
        assertThat(System.getProperty(TwilioEmulatorExtension.API_BASE_URL)).isNull();
        assertThat(System.getProperty(TwilioEmulatorExtension.TOKEN)).isNull();
    }

    private static void run(Class<?> fixture) {
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create().execute(request().selectors(selectClass(fixture)).build(), listener);
        TestExecutionSummary summary = listener.getSummary();
        StringWriter failures = new StringWriter();
        summary.printFailuresTo(new PrintWriter(failures), 20);
        assertThat(summary.getTotalFailureCount()).as(failures.toString()).isZero();
        assertThat(summary.getTestsSucceededCount()).as("the fixture's tests ran").isPositive();
    }

    private static int send(TwilioEmulator emulator) {
        return RawHttp.post(emulator.baseUrl(), RawHttp.messages(emulator.accountSid()),
                form("To", "+15551230001", "From", emulator.number(), "Body", "Hi"), basic(emulator.accountSid(), emulator.authToken()))
                .statusCode();
    }

    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class SharedEmulator {

        @RegisterExtension
        static TwilioEmulatorExtension twilio = new TwilioEmulatorExtension();

        SharedEmulator(TwilioEmulator emulator) {
            EMULATORS.add(emulator);
        }

        @Test
        @Order(1)
        void first(TwilioEmulator emulator) {
            EMULATORS.add(emulator);
            SEEN.put("baseUrl", System.getProperty("twilio.api-base-url"));
            SEEN.put("account", System.getProperty("twilio.account"));
            SEEN.put("token", System.getProperty("twilio.token"));
            assertThat(send(emulator)).isEqualTo(201);
            SEEN.put("sent in the first test", twilio.emulator().messages().size());
        }

        @Test
        @Order(2)
        void second(TwilioEmulator emulator) {
            EMULATORS.add(emulator);
            SEEN.put("messages in the second test", emulator.messages().size());
        }
    }

    @ExtendWith(TwilioEmulatorExtension.class)
    static class ExtendedWith {

        @Test
        void aTest(TwilioEmulator emulator) {
            EMULATORS.add(emulator);
            SEEN.put("@ExtendWith account", System.getProperty("twilio.account"));
        }
    }

    static class OwnEmulator {

        static final Account ACCOUNT = Account.of("AC" + "7".repeat(32), "own-token");

        @RegisterExtension
        static TwilioEmulatorExtension twilio = new TwilioEmulatorExtension(TwilioEmulator.builder().account(ACCOUNT));

        @Test
        void aTest(TwilioEmulator emulator) {
            SEEN.put("baseUrl", System.getProperty("twilio.api-base-url"));
            SEEN.put("account", System.getProperty("twilio.account"));
            SEEN.put("token", System.getProperty("twilio.token"));
            assertThat(send(emulator)).isEqualTo(201);
        }
    }

    static class WithNestedClass {

        @RegisterExtension
        static TwilioEmulatorExtension twilio = new TwilioEmulatorExtension(TwilioEmulator.builder());

        @Test
        void outer() {
            SEEN.put("outer baseUrl", System.getProperty("twilio.api-base-url"));
        }

        @Nested
        class Inner {

            @Test
            void inner(TwilioEmulator emulator) {
                SEEN.put("nested baseUrl", System.getProperty("twilio.api-base-url"));
                assertThat(emulator.baseUrl()).hasToString(System.getProperty("twilio.api-base-url"));
            }
        }

        @Nested
        class Later {

            @Test
            void stillSet() {
                SEEN.put("outer baseUrl after nested", System.getProperty("twilio.api-base-url"));
            }
        }
    }

    static class InstanceField {

        @RegisterExtension
        TwilioEmulatorExtension twilio = new TwilioEmulatorExtension(TwilioEmulator.builder());

        @Test
        void one(TwilioEmulator emulator) {
            EMULATORS.add(emulator);
            assertThat(System.getProperty("twilio.api-base-url")).isEqualTo(emulator.baseUrl().toString());
        }

        @Test
        void two(TwilioEmulator emulator) {
            EMULATORS.add(emulator);
            assertThat(send(emulator)).isEqualTo(201);
        }
    }

    static class WithoutProperties {

        @RegisterExtension
        static TwilioEmulatorExtension twilio = new TwilioEmulatorExtension(TwilioEmulator.builder()).withoutSystemProperties();

        @Test
        void aTest(TwilioEmulator emulator) {
            SEEN.put("account property", System.getProperty("twilio.account"));
            assertThat(send(emulator)).isEqualTo(201);
        }
    }
}

package dev.twilioconnector.core;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.twilioconnector.core.settings.TwilioSettings;
import dev.twilioconnector.core.sms.SendOutcome;
import dev.twilioconnector.core.sms.SendSms;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.twilioconnector.core.FakeTwilio.ACCOUNT;
import static dev.twilioconnector.core.FakeTwilio.API_KEY;
import static dev.twilioconnector.core.FakeTwilio.API_SECRET;
import static dev.twilioconnector.core.FakeTwilio.MESSAGES_PATH;
import static dev.twilioconnector.core.FakeTwilio.TOKEN;
import static dev.twilioconnector.core.FakeTwilio.created;
import static dev.twilioconnector.core.FakeTwilio.error;
import static org.assertj.core.api.Assertions.assertThat;

/** Whatever goes wrong, the token, the API secret and the Basic credentials never reach a log or twilioError. */
class SecretsNotLoggedTest {

    private static final String[] DEBUG_LOGGERS = {"dev.twilioconnector", "com.twilio"};

    private static FakeTwilio twilio;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Map<String, Level> previousLevels = new LinkedHashMap<>();
    private final List<SendOutcome> outcomes = new ArrayList<>();

    @BeforeAll
    static void startFake() {
        twilio = new FakeTwilio();
    }

    @AfterAll
    static void stopFake() {
        twilio.close();
    }

    @BeforeEach
    void captureLogs() {
        twilio.reset();
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        for (String name : DEBUG_LOGGERS) {
            Logger logger = context.getLogger(name);
            previousLevels.put(name, logger.getLevel());
            logger.setLevel(Level.DEBUG);
        }
        appender.setContext(context);
        appender.start();
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(appender);
    }

    @AfterEach
    void restoreLogs() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).detachAppender(appender);
        appender.stop();
        previousLevels.forEach((name, level) -> context.getLogger(name).setLevel(level));
    }

    private static List<String> secrets() {
        return List.of(
                TOKEN,
                API_SECRET,
                base64(ACCOUNT + ":" + TOKEN),
                base64(API_KEY + ":" + API_SECRET));
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
    }

    private void send(TwilioSettings settings, String to) {
        try (TwilioConnector connector = TwilioConnector.create(settings)) {
            outcomes.add(connector.send(new SendSms(null, null, List.of(to), "Hello ${name}", Map.of("name", "Ada"))));
        }
    }

    private static String everythingIn(ILoggingEvent event) {
        StringBuilder text = new StringBuilder()
                .append(event.getLoggerName()).append('\n')
                .append(event.getMessage()).append('\n')
                .append(event.getFormattedMessage()).append('\n');
        if (event.getArgumentArray() != null) {
            text.append(Arrays.deepToString(event.getArgumentArray())).append('\n');
        }
        if (event.getThrowableProxy() != null) {
            text.append(ThrowableProxyUtil.asString(event.getThrowableProxy())).append('\n');
        }
        text.append(event.getMDCPropertyMap()).append('\n');
        return text.toString();
    }

    @Test
    void noSecretInLogsOrErrors() {
        String ok = "+15551230001";
        String unauthorized = "+15551230002";
        String serverError = "+15551230003";
        String slow = "+15551230004";
        String busy = "+15551230005";
        twilio.server().stubFor(post(urlPathEqualTo(MESSAGES_PATH)).withFormParam("To", equalTo(ok))
                .willReturn(created("SM11111111111111111111111111111111", ok, "Hello Ada")));
        twilio.server().stubFor(post(urlPathEqualTo(MESSAGES_PATH)).withFormParam("To", equalTo(unauthorized))
                .willReturn(error(401, 20003, "Authenticate")));
        twilio.server().stubFor(post(urlPathEqualTo(MESSAGES_PATH)).withFormParam("To", equalTo(serverError))
                .willReturn(error(500, 20500, "Internal Server Error")));
        twilio.server().stubFor(post(urlPathEqualTo(MESSAGES_PATH)).withFormParam("To", equalTo(slow))
                .willReturn(created("SM44444444444444444444444444444444", slow, "Hello Ada").withFixedDelay(2000)));
        twilio.server().stubFor(post(urlPathEqualTo(MESSAGES_PATH)).withFormParam("To", equalTo(busy))
                .inScenario("busy").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(error(429, 20429, "Too Many Requests").withHeader("Retry-After", "0"))
                .willSetStateTo("calm"));
        twilio.server().stubFor(post(urlPathEqualTo(MESSAGES_PATH)).withFormParam("To", equalTo(busy))
                .inScenario("busy").whenScenarioStateIs("calm")
                .willReturn(created("SM55555555555555555555555555555555", busy, "Hello Ada")));
        TwilioSettings token = twilio.settings();
        TwilioSettings apiKey = token.toBuilder().apiKey(API_KEY).apiSecret(API_SECRET).build();
        TwilioSettings unreachable = token.toBuilder().apiBaseUrl(URI.create("http://127.0.0.1:" + FakeTwilio.closedPort())).build();

        for (TwilioSettings settings : List.of(token, apiKey)) {
            send(settings, ok);
            send(settings, unauthorized);
            send(settings, serverError);
            send(settings, slow);
            send(settings, busy);
            twilio.server().resetScenarios();
        }
        send(unreachable, ok);

        // The scenario above really went through every path, and the loggers really logged at DEBUG.
        assertThat(outcomes).hasSize(11);
        assertThat(outcomes).as(outcomes::toString).filteredOn(outcome -> !outcome.accepted().isEmpty()).hasSize(4);
        assertThat(outcomes.stream().flatMap(outcome -> outcome.problems().stream()).toList())
                .anySatisfy(problem -> assertThat(problem.code()).isEqualTo(20003))
                .anySatisfy(problem -> assertThat(problem.code()).isEqualTo(20500))
                .anySatisfy(problem -> assertThat(problem.message()).contains("did not answer"))
                .anySatisfy(problem -> assertThat(problem.message()).contains("cannot connect"));
        assertThat(appender.list).extracting(ILoggingEvent::getLevel).contains(Level.DEBUG);
        assertThat(appender.list).extracting(ILoggingEvent::getLoggerName)
                .contains("com.twilio.http.TwilioRestClient", "dev.twilioconnector.core.http.TwilioTransport",
                        "dev.twilioconnector.core.sms.SmsSender");

        for (ILoggingEvent event : appender.list) {
            String logged = everythingIn(event);
            for (String secret : secrets()) {
                assertThat(logged).as("log event %s", event).doesNotContain(secret);
            }
        }
        for (SendOutcome outcome : outcomes) {
            for (String secret : secrets()) {
                assertThat(outcome.toString()).doesNotContain(secret);
            }
        }
    }
}

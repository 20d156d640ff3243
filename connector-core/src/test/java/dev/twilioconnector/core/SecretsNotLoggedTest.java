package dev.twilioconnector.core;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import dev.twilioconnector.core.settings.TwilioSettings;
import dev.twilioconnector.core.sms.SendOutcome;
import dev.twilioconnector.core.sms.SendSms;
import dev.twilioconnector.emulator.Fault;
import dev.twilioconnector.emulator.TwilioEmulator;
import dev.twilioconnector.emulator.TwilioEmulatorExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static dev.twilioconnector.core.TestAccount.ACCOUNT;
import static dev.twilioconnector.core.TestAccount.API_KEY;
import static dev.twilioconnector.core.TestAccount.API_SECRET;
import static dev.twilioconnector.core.TestAccount.TOKEN;
import static dev.twilioconnector.emulator.RequestMatch.messageCreation;
import static org.assertj.core.api.Assertions.assertThat;

/** Whatever goes wrong, the token, the API secret and the Basic credentials never reach a log or twilioError. */
class SecretsNotLoggedTest {

    private static final String[] DEBUG_LOGGERS = {"dev.twilioconnector", "com.twilio"};

    @RegisterExtension
    static final TwilioEmulatorExtension EMULATOR = TestAccount.emulator();

    private final TwilioEmulator twilio = EMULATOR.emulator();
    /** What the slow recipient's answers wait for: the end of the test. */
    private final CompletableFuture<Void> release = new CompletableFuture<>();
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Map<String, Level> previousLevels = new LinkedHashMap<>();
    private final List<SendOutcome> outcomes = new ArrayList<>();

    @BeforeEach
    void captureLogs() {
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
        release.complete(null);
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
        twilio.fail(Fault.unauthorized(), messageCreation().to(unauthorized));
        twilio.fail(Fault.serverError(), messageCreation().to(serverError));
        // Answered only after the test: the send gives up at its read timeout.
        twilio.fail(Fault.holdUntil(release), messageCreation().to(slow));
        TwilioSettings token = TestAccount.settings(twilio);
        TwilioSettings apiKey = token.toBuilder().apiKey(API_KEY).apiSecret(API_SECRET).build();
        TwilioSettings unreachable = token.toBuilder().apiBaseUrl(URI.create("http://127.0.0.1:" + TestAccount.closedPort())).build();

        for (TwilioSettings settings : List.of(token, apiKey)) {
            twilio.failNext(1, Fault.tooManyRequests(0), messageCreation().to(busy));
            send(settings, ok);
            send(settings, unauthorized);
            send(settings, serverError);
            send(settings, slow);
            send(settings, busy);
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

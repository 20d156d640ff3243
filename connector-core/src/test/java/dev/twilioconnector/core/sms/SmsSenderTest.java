package dev.twilioconnector.core.sms;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.twilioconnector.core.FakeTwilio;
import dev.twilioconnector.core.Refusal;
import dev.twilioconnector.core.TwilioConnector;
import dev.twilioconnector.core.TwilioProblem;
import dev.twilioconnector.core.recipient.PhoneAddress;
import dev.twilioconnector.core.settings.RetryPolicy;
import dev.twilioconnector.core.settings.TwilioSettings;
import dev.twilioconnector.core.template.SmsTemplate;
import dev.twilioconnector.core.template.TemplateTimedOut;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.twilioconnector.core.FakeTwilio.ACCOUNT;
import static dev.twilioconnector.core.FakeTwilio.API_KEY;
import static dev.twilioconnector.core.FakeTwilio.API_SECRET;
import static dev.twilioconnector.core.FakeTwilio.FROM;
import static dev.twilioconnector.core.FakeTwilio.MESSAGES_PATH;
import static dev.twilioconnector.core.FakeTwilio.MESSAGING_SERVICE;
import static dev.twilioconnector.core.FakeTwilio.TOKEN;
import static dev.twilioconnector.core.FakeTwilio.basic;
import static dev.twilioconnector.core.FakeTwilio.created;
import static dev.twilioconnector.core.FakeTwilio.error;
import static dev.twilioconnector.core.FakeTwilio.form;
import static org.assertj.core.api.Assertions.assertThat;

class SmsSenderTest {

    private static final String A = "+15551230001";
    private static final String B = "+15551230002";
    private static final String C = "+15551230003";

    private static FakeTwilio twilio;
    private final List<TwilioConnector> connectors = new ArrayList<>();

    @BeforeAll
    static void startFake() {
        twilio = new FakeTwilio();
    }

    @AfterAll
    static void stopFake() {
        twilio.close();
    }

    @BeforeEach
    void resetFake() {
        twilio.reset();
    }

    @AfterEach
    void closeConnectors() {
        connectors.forEach(TwilioConnector::close);
    }

    private TwilioConnector connector(TwilioSettings settings) {
        TwilioConnector connector = TwilioConnector.create(settings);
        connectors.add(connector);
        return connector;
    }

    private TwilioConnector connector() {
        return connector(twilio.settings());
    }

    private static SendSms sms(String to, String body) {
        return new SendSms(null, null, recipients(to), body, Map.of());
    }

    private static SendSms sms(List<String> to, String body) {
        return new SendSms(null, null, to, body, Map.of());
    }

    /** Numbers written as a process would: separated by commas or semicolons. */
    private static List<String> recipients(String text) {
        return List.of(text.split("[,;]"));
    }

    private static void acceptEveryone() {
        twilio.server().stubFor(post(urlPathEqualTo(MESSAGES_PATH)).willReturn(created("SM00000000000000000000000000000000", A, "x")));
    }

    private static void accept(String to, String sid) {
        twilio.server().stubFor(post(urlPathEqualTo(MESSAGES_PATH)).withFormParam("To", equalTo(to))
                .willReturn(created(sid, to, "x")));
    }

    private static void answer(com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder response) {
        twilio.server().stubFor(post(urlPathEqualTo(MESSAGES_PATH)).willReturn(response));
    }

    private static void assertNoRequests() {
        twilio.server().verify(exactly(0), anyRequestedFor(anyUrl()));
    }

    private static void assertPosts(int count) {
        twilio.server().verify(exactly(count), postRequestedFor(urlPathEqualTo(MESSAGES_PATH)));
        assertThat(twilio.requests()).hasSize(count);
    }

    @Nested
    class Accepted {

        @Test
        void oneRecipient() {
            accept(A, "SM11111111111111111111111111111111");

            SendOutcome outcome = connector().send(new SendSms(null, null, List.of(A), "Hello ${name}, order ${order}", Map.of("name", "Ada", "order", 4711)));

            assertThat(outcome.problems()).isEmpty();
            assertThat(outcome.accepted()).containsExactly(
                    new dev.twilioconnector.core.sms.Accepted(A, "SM11111111111111111111111111111111", "queued"));

            assertPosts(1);
            LoggedRequest request = twilio.requests().get(0);
            assertThat(request.getUrl()).isEqualTo(MESSAGES_PATH);
            assertThat(form(request)).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "To", A,
                    "From", FROM,
                    "Body", "Hello Ada, order 4711"));
            assertThat(request.getHeader("Authorization")).isEqualTo(basic(ACCOUNT, TOKEN));
            assertThat(request.contentTypeHeader().mimeTypePart()).isEqualTo("application/x-www-form-urlencoded");
        }

        @Test
        void theApplicationsStatusWebhookIsAskedForUnlessTheTaskNamesItsOwn() {
            acceptEveryone();
            TwilioSettings settings = twilio.settings().toBuilder()
                    .statusCallbackUrl(TwilioSettings.statusCallbackOf("https://bpm.example.com/app/", null)).build();

            connector(settings).send(sms(A, "tracked"));
            MessageOptions own = MessageOptions.NONE.withStatusCallback(URI.create("https://hooks.example.com/mine"));
            connector(settings).send(new SendSms(null, null, List.of(B), "own callback", Map.of(), own));
            connector().send(sms(C, "no public URL"));

            List<LoggedRequest> requests = twilio.requests();
            assertThat(form(requests.get(0))).containsEntry("StatusCallback", "https://bpm.example.com/app/twilio/status");
            assertThat(form(requests.get(1))).containsEntry("StatusCallback", "https://hooks.example.com/mine");
            assertThat(form(requests.get(2))).doesNotContainKey("StatusCallback");
        }

        @Test
        void bodyKeepsUnicodeAndReservedCharacters() {
            acceptEveryone();
            String body = "Grüße & 100% ✓ a+b=c?d #1\nline 2";

            SendOutcome outcome = connector().send(sms(A, body));

            assertThat(outcome.problems()).isEmpty();
            assertThat(form(twilio.requests().get(0))).containsEntry("Body", body);
        }

        @Test
        void apiKeyAuthenticatesWhileThePathKeepsTheAccount() {
            acceptEveryone();
            TwilioSettings settings = twilio.settings().toBuilder().apiKey(API_KEY).apiSecret(API_SECRET).build();

            SendOutcome outcome = connector(settings).send(sms(A, "hi"));

            assertThat(outcome.problems()).isEmpty();
            LoggedRequest request = twilio.requests().get(0);
            assertThat(request.getUrl()).isEqualTo("/2010-04-01/Accounts/" + ACCOUNT + "/Messages.json");
            assertThat(request.getHeader("Authorization")).isEqualTo(basic(API_KEY, API_SECRET));
        }

        @Test
        void messagingServiceFromSettingsWhenNoNumber() {
            acceptEveryone();
            TwilioSettings settings = twilio.settings().toBuilder().defaultFrom(null).messagingServiceSid(MESSAGING_SERVICE).build();

            SendOutcome outcome = connector(settings).send(sms(A, "via service"));

            assertThat(outcome.problems()).isEmpty();
            assertThat(form(twilio.requests().get(0))).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "To", A,
                    "MessagingServiceSid", MESSAGING_SERVICE,
                    "Body", "via service"));
        }

        @Test
        void taskSenderWinsOverDefaults() {
            acceptEveryone();
            TwilioSettings settings = twilio.settings().toBuilder().defaultFrom(FROM).messagingServiceSid(MESSAGING_SERVICE).build();

            connector(settings).send(new SendSms("+15005550001", null, List.of(A), "x", null));
            connector(settings).send(new SendSms(null, "MGffffffffffffffffffffffffffffffff", List.of(A), "y", null));
            connector(settings).send(new SendSms(" ", "", List.of(A), "z", null));

            List<LoggedRequest> requests = twilio.requests();
            assertThat(form(requests.get(0))).containsEntry("From", "+15005550001").doesNotContainKey("MessagingServiceSid");
            assertThat(form(requests.get(1))).containsEntry("MessagingServiceSid", "MGffffffffffffffffffffffffffffffff").doesNotContainKey("From");
            assertThat(form(requests.get(2))).containsEntry("From", FROM).doesNotContainKey("MessagingServiceSid");
        }

        @Test
        void alphanumericSenderAndWhatsApp() {
            acceptEveryone();

            SendOutcome alpha = connector().send(new SendSms("ACME Shop", null, List.of(A), "x", null));
            SendOutcome whatsapp = connector().send(new SendSms("WhatsApp:" + FROM, null, List.of("WhatsApp:" + B), "y", null));

            assertThat(alpha.problems()).isEmpty();
            assertThat(whatsapp.problems()).isEmpty();
            assertThat(whatsapp.accepted()).extracting(dev.twilioconnector.core.sms.Accepted::to).containsExactly("whatsapp:" + B);
            List<LoggedRequest> requests = twilio.requests();
            assertThat(form(requests.get(0))).containsEntry("From", "ACME Shop");
            assertThat(form(requests.get(1))).containsEntry("From", "whatsapp:" + FROM).containsEntry("To", "whatsapp:" + B);
        }

        @Test
        void threeRecipientsConcurrentlyEachWithItsOwnSidInTheGivenOrder() {
            // The first recipient is answered last: the outcome must still follow the order given.
            twilio.server().stubFor(post(urlPathEqualTo(MESSAGES_PATH)).withFormParam("To", equalTo(A))
                    .willReturn(created("SMaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", A, "x").withFixedDelay(600)));
            twilio.server().stubFor(post(urlPathEqualTo(MESSAGES_PATH)).withFormParam("To", equalTo(B))
                    .willReturn(created("SMbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", B, "x").withFixedDelay(400)));
            twilio.server().stubFor(post(urlPathEqualTo(MESSAGES_PATH)).withFormParam("To", equalTo(C))
                    .willReturn(created("SMcccccccccccccccccccccccccccccccc", C, "x").withFixedDelay(400)));
            TwilioSettings settings = twilio.settings().toBuilder().readTimeout(Duration.ofSeconds(5)).build();

            SendOutcome outcome = connector(settings).send(sms(A + "," + B + "," + C, "To ${recipient}"));

            assertThat(outcome.problems()).isEmpty();
            assertThat(outcome.accepted()).containsExactly(
                    new dev.twilioconnector.core.sms.Accepted(A, "SMaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "queued"),
                    new dev.twilioconnector.core.sms.Accepted(B, "SMbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", "queued"),
                    new dev.twilioconnector.core.sms.Accepted(C, "SMcccccccccccccccccccccccccccccccc", "queued"));
            List<LoggedRequest> requests = twilio.requests();
            assertThat(requests).hasSize(3);
            assertThat(requests).extracting(request -> form(request).get("Body"))
                    .containsExactlyInAnyOrder("To " + A, "To " + B, "To " + C);
            // Sequential sending could not have started a request before the previous (>= 400 ms) answer came;
            // all three arriving within 400 ms of one another proves they were in flight together.
            List<Date> arrivals = requests.stream().map(LoggedRequest::getLoggedDate).sorted().toList();
            assertThat(arrivals.get(2).getTime() - arrivals.get(0).getTime()).isLessThan(400);
        }

        @Test
        void duplicatesAreSentOnce() {
            acceptEveryone();

            SendOutcome outcome = connector().send(sms(List.of(A, A, "whatsapp:" + A, "WHATSAPP:" + A), "x"));

            assertThat(outcome.accepted()).extracting(dev.twilioconnector.core.sms.Accepted::to)
                    .containsExactly(A, "whatsapp:" + A);
            assertPosts(2);
        }
    }

    @Nested
    class RefusedBeforeAnyRequest {

        @Test
        void invalidNumberAmongValidOnes() {
            acceptEveryone();

            SendOutcome outcome = connector().send(sms(A + ", 12345, " + B, "hi"));

            assertThat(outcome.accepted()).extracting(dev.twilioconnector.core.sms.Accepted::to).containsExactly(A, B);
            assertThat(outcome.problems()).singleElement().satisfies(problem -> {
                assertThat(problem.recipient()).isEqualTo("12345");
                assertThat(problem.code()).isEqualTo(21211);
                assertThat(problem.status()).isNull();
            });
            assertPosts(2);
            assertThat(twilio.requests()).extracting(request -> form(request).get("To")).containsExactlyInAnyOrder(A, B);
            assertThat(outcome.problems().get(0).message())
                    .isEqualTo("'12345' is not a phone number in E.164 form (a + and the country code, e.g. +15551230001)");
        }

        @Test
        void onlyInvalidNumbers() {
            acceptEveryone();

            SendOutcome outcome = connector().send(sms("abc;+1555", "hi"));

            assertThat(outcome.accepted()).isEmpty();
            assertThat(outcome.problems()).extracting(TwilioProblem::recipient).containsExactly("abc", "+1555");
            assertNoRequests();
        }

        @Test
        void noCredentials() {
            acceptEveryone();
            TwilioSettings settings = TwilioSettings.builder().defaultFrom(FROM).apiBaseUrl(URI.create(twilio.baseUrl())).build();

            SendOutcome outcome = connector(settings).send(sms(A, "hi"));

            assertThat(outcome.accepted()).isEmpty();
            assertThat(outcome.problems()).containsExactly(Refusal.CREDENTIALS.problem(TwilioSettings.MISSING_CREDENTIALS));
            assertNoRequests();
        }

        @Test
        void halfConfiguredApiKey() {
            acceptEveryone();

            SendOutcome outcome = connector(twilio.settings().toBuilder().apiKey(API_KEY).build()).send(sms(A, "hi"));

            assertThat(outcome.problems()).containsExactly(Refusal.CREDENTIALS.problem(TwilioSettings.API_KEY_WITHOUT_SECRET));
            assertNoRequests();
        }

        @Test
        void noSender() {
            acceptEveryone();

            SendOutcome outcome = connector(twilio.settings().toBuilder().defaultFrom(null).build()).send(sms(A, "hi"));

            assertThat(outcome.accepted()).isEmpty();
            assertThat(outcome.problems()).singleElement().satisfies(problem -> {
                assertThat(problem.recipient()).isNull();
                assertThat(problem.message()).contains("no sender").contains("TWILIO_FROM");
            });
            assertNoRequests();
        }

        @Test
        void invalidSenderNumber() {
            acceptEveryone();

            SendOutcome outcome = connector().send(new SendSms("0049-123", null, List.of(A), "hi", null));

            assertThat(outcome.problems()).singleElement().satisfies(problem -> {
                assertThat(problem.recipient()).isNull();
                assertThat(problem.code()).isEqualTo(21212);
            });
            assertNoRequests();
        }

        @Test
        void invalidMessagingService() {
            acceptEveryone();

            SendOutcome outcome = connector().send(new SendSms(null, "XX123", List.of(A), "hi", null));

            assertThat(outcome.problems()).singleElement().extracting(TwilioProblem::message).asString().contains("MG");
            assertNoRequests();
        }

        @Test
        void noRecipients() {
            acceptEveryone();

            SendOutcome outcome = connector().send(sms(" ", "hi"));

            assertThat(outcome.problems()).containsExactly(Refusal.NO_RECIPIENT.problem());
            assertNoRequests();
        }

        @Test
        void noBody() {
            acceptEveryone();

            assertThat(connector().send(sms(A, null)).problems()).containsExactly(Refusal.NO_BODY.problem());
            assertThat(connector().send(sms(A, "  ")).problems()).containsExactly(Refusal.NO_BODY.problem());
            assertNoRequests();
        }

        @Test
        void bodyEmptyAfterRendering() {
            acceptEveryone();

            SendOutcome outcome = connector().send(new SendSms(null, null, List.of(A), "${text}", Map.of("text", " ")));

            assertThat(outcome.problems()).singleElement().satisfies(problem -> {
                assertThat(problem.recipient()).isEqualTo(A);
                assertThat(problem.code()).isEqualTo(Refusal.EMPTY_BODY.code());
            });
            assertNoRequests();
        }

        @Test
        void bodyOverLimitFailsOnlyForThatRecipient() {
            acceptEveryone();
            String template = "<#if recipient == \"" + A + "\">${long}<#else>short</#if>";
            String tooLong = "x".repeat(SmsSender.MAX_BODY_LENGTH + 1);

            SendOutcome outcome = connector().send(new SendSms(null, null, recipients(A + "," + B), template, Map.of("long", tooLong)));

            assertThat(outcome.accepted()).extracting(dev.twilioconnector.core.sms.Accepted::to).containsExactly(B);
            assertThat(outcome.problems()).singleElement().satisfies(problem -> {
                assertThat(problem.recipient()).isEqualTo(A);
                assertThat(problem.code()).isEqualTo(21617);
                assertThat(problem.status()).isNull();
                assertThat(problem.refusal()).isEqualTo(Refusal.BODY_TOO_LONG);
            });
            assertPosts(1);
            assertThat(form(twilio.requests().get(0))).containsEntry("To", B).containsEntry("Body", "short");
        }

        @Test
        void aBodyThatWouldRenderGigabytesFailsOnlyThatRecipientWithTheLengthCode() {
            acceptEveryone();
            // 2 GB of text if it were ever written out in full
            String template = "<#if recipient == \"" + A + "\"><#list 1..200000000 as i>xxxxxxxxxx</#list><#else>short</#if>";

            SendOutcome outcome = connector().send(sms(A + "," + B, template));

            assertThat(outcome.accepted()).extracting(dev.twilioconnector.core.sms.Accepted::to).containsExactly(B);
            assertThat(outcome.problems()).containsExactly(Refusal.BODY_TOO_LONG.problemFor(A));
            assertPosts(1);
        }

        @Test
        void aTemplateThatNeverEndsIsStoppedAtTheRenderTimeoutAndSendsNothing() {
            acceptEveryone();
            Duration timeout = Duration.ofMillis(300);

            TwilioConnector connector = connector(twilio.settings().toBuilder().renderTimeout(timeout).build());

            SendOutcome outcome = connector.send(sms(A + "," + B, "<#list 1..2000000000 as i></#list>never"));

            assertThat(outcome.accepted()).isEmpty();
            assertThat(outcome.problems()).containsExactly(Refusal.BODY_TEMPLATE.problem(TemplateTimedOut.MESSAGE.formatted(300)));
            assertThat(Thread.currentThread().isInterrupted()).as("the watchdog's interrupt stays inside the rendering").isFalse();
            assertThat(connector.templates().renderTimeout()).isEqualTo(timeout);
            assertNoRequests();
        }

        @Test
        void bodyLimitCountsCharactersNotUtf16Units() {
            acceptEveryone();
            String emoji = "\uD83D\uDE00"; // one character, two UTF-16 units

            SendOutcome outcome = connector().send(sms(A, emoji.repeat(SmsSender.MAX_BODY_LENGTH)));

            assertThat(outcome.problems()).isEmpty();
            assertPosts(1);
        }

        @Test
        void templateSyntaxError() {
            acceptEveryone();

            SendOutcome outcome = connector().send(sms(A + "," + B, "Hello ${name"));

            assertThat(outcome.accepted()).isEmpty();
            assertThat(outcome.problems()).singleElement().satisfies(problem -> {
                assertThat(problem.recipient()).isNull();
                assertThat(problem.message()).startsWith("Body template has a syntax error at line 1, column ");
            });
            assertNoRequests();
        }

        @Test
        void templateMissingVariable() {
            acceptEveryone();

            SendOutcome outcome = connector().send(new SendSms(null, null, recipients(A + "," + B), "Hello ${customer.name}", Map.of("customer", Map.of())));

            assertThat(outcome.problems()).singleElement().satisfies(problem -> {
                assertThat(problem.recipient()).isNull();
                assertThat(problem.message()).isEqualTo("Body " + SmsTemplate.MISSING_VARIABLE.formatted("customer.name", 1, 9, "customer.name"));
            });
            assertNoRequests();
        }

        @Test
        void templateFailingForOneRecipientStopsTheWholeSend() {
            acceptEveryone();

            SendOutcome outcome = connector().send(sms(A + "," + B, "<#if recipient == \"" + B + "\">${missing}</#if>ok"));

            assertThat(outcome.accepted()).isEmpty();
            assertThat(outcome.problems()).singleElement().extracting(TwilioProblem::recipient).isNull();
            assertNoRequests();
        }
    }

    @Nested
    class TwilioRefuses {

        @Test
        void invalidNumber() {
            answer(error(400, 21211, "The 'To' number +15551230001 is not a valid phone number."));

            SendOutcome outcome = connector().send(sms(A, "hi"));

            assertThat(outcome.accepted()).isEmpty();
            assertThat(outcome.problems()).containsExactly(
                    new TwilioProblem(A, 21211, 400, "The 'To' number +15551230001 is not a valid phone number."));
            assertPosts(1);
        }

        @Test
        void unauthorized() {
            answer(error(401, 20003, "Authenticate"));

            SendOutcome outcome = connector().send(sms(A, "hi"));

            assertThat(outcome.problems()).containsExactly(new TwilioProblem(A, 20003, 401, "Authenticate"));
            assertPosts(1);
        }

        @Test
        void notFound() {
            answer(error(404, 20404, "The requested resource was not found"));

            SendOutcome outcome = connector().send(sms(A, "hi"));

            assertThat(outcome.problems()).containsExactly(new TwilioProblem(A, 20404, 404, "The requested resource was not found"));
            assertPosts(1);
        }

        @Test
        void oneRefusedOthersAccepted() {
            accept(A, "SMaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
            twilio.server().stubFor(post(urlPathEqualTo(MESSAGES_PATH)).withFormParam("To", equalTo(B))
                    .willReturn(error(400, 21610, "Attempt to send to unsubscribed recipient")));
            accept(C, "SMcccccccccccccccccccccccccccccccc");

            SendOutcome outcome = connector().send(sms(List.of(A, B, C), "hi"));

            assertThat(outcome.accepted()).extracting(dev.twilioconnector.core.sms.Accepted::sid)
                    .containsExactly("SMaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "SMcccccccccccccccccccccccccccccccc");
            assertThat(outcome.problems()).containsExactly(new TwilioProblem(B, 21610, 400, "Attempt to send to unsubscribed recipient"));
            assertPosts(3);
        }

        @Test
        void serverErrorIsNotResent() {
            twilio.server().stubFor(post(urlPathEqualTo(MESSAGES_PATH)).inScenario("500 then fine")
                    .whenScenarioStateIs(Scenario.STARTED)
                    .willReturn(error(500, 20500, "Internal Server Error"))
                    .willSetStateTo("recovered"));
            twilio.server().stubFor(post(urlPathEqualTo(MESSAGES_PATH)).inScenario("500 then fine")
                    .whenScenarioStateIs("recovered")
                    .willReturn(created("SM00000000000000000000000000000000", A, "x")));
            TwilioConnector connector = connector();

            SendOutcome outcome = connector.send(sms(A, "hi"));

            assertThat(outcome.accepted()).isEmpty();
            assertThat(outcome.problems()).singleElement().satisfies(problem -> {
                assertThat(problem.recipient()).isEqualTo(A);
                assertThat(problem.code()).isEqualTo(20500);
                assertThat(problem.status()).isEqualTo(500);
                assertThat(problem.message()).contains("Internal Server Error").contains("may have accepted");
            });
            assertPosts(1);
            assertThat(connector.retries()).isZero();
        }

        @Test
        void serverErrorWithoutJsonBodyIsNotResent() {
            answer(aResponse().withStatus(500).withHeader("Content-Type", "text/html").withBody("<html>oops</html>"));

            SendOutcome outcome = connector().send(sms(A, "hi"));

            assertThat(outcome.problems()).singleElement().satisfies(problem -> {
                assertThat(problem.recipient()).isEqualTo(A);
                assertThat(problem.status()).isEqualTo(500);
                assertThat(problem.code()).isNull();
                assertThat(problem.message()).contains("HTTP 500 without a Twilio error body: <html>oops</html>")
                        .contains("may have accepted");
            });
            assertPosts(1);
        }

        @Test
        void notFoundFromAProxyKeepsItsStatusAndClaimsNothingWasAccepted() {
            answer(aResponse().withStatus(404).withHeader("Content-Type", "text/html").withBody("<html>\n<h1>Not Found</h1>\n</html>"));

            SendOutcome outcome = connector().send(sms(A, "hi"));

            assertThat(outcome.problems()).singleElement().satisfies(problem -> {
                assertThat(problem.status()).isEqualTo(404);
                assertThat(problem.message()).isEqualTo("HTTP 404 without a Twilio error body: <html> <h1>Not Found</h1> </html>");
            });
            assertPosts(1);
        }

        @Test
        void anEmptyBadGatewayKeepsItsStatus() {
            answer(aResponse().withStatus(502));

            SendOutcome outcome = connector().send(sms(A, "hi"));

            assertThat(outcome.problems()).singleElement().satisfies(problem -> {
                assertThat(problem.status()).isEqualTo(502);
                assertThat(problem.message()).startsWith("HTTP 502 without a Twilio error body;").contains("may have accepted");
            });
            assertPosts(1);
        }

        @Test
        void serviceUnavailableIsNotResent() {
            answer(error(503, 20503, "Service Unavailable").withHeader("Retry-After", "0"));
            TwilioConnector connector = connector();

            SendOutcome outcome = connector.send(sms(A, "hi"));

            assertThat(outcome.problems()).singleElement().satisfies(problem -> {
                assertThat(problem.code()).isEqualTo(20503);
                assertThat(problem.status()).isEqualTo(503);
                assertThat(problem.message()).contains("may have accepted");
            });
            assertPosts(1);
            assertThat(connector.retries()).isZero();
        }

        @Test
        void createdWithGarbageBody() {
            answer(aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody("{not json"));

            SendOutcome outcome = connector().send(sms(A, "hi"));

            assertThat(outcome.accepted()).isEmpty();
            assertThat(outcome.problems()).singleElement().satisfies(problem -> {
                assertThat(problem.recipient()).isEqualTo(A);
                assertThat(problem.message()).startsWith("Twilio's answer could not be read").contains("may have accepted");
            });
            assertPosts(1);
        }

        @Test
        void connectionDroppedWithoutAnswerIsNotResent() {
            answer(aResponse().withFault(Fault.EMPTY_RESPONSE));

            SendOutcome outcome = connector().send(sms(A, "hi"));

            assertThat(outcome.problems()).singleElement().satisfies(problem -> {
                assertThat(problem.recipient()).isEqualTo(A);
                assertThat(problem.status()).isNull();
                assertThat(problem.message()).contains("may have accepted");
            });
            assertPosts(1);
        }

        @Test
        void connectionResetIsNotResent() {
            answer(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

            SendOutcome outcome = connector().send(sms(A, "hi"));

            assertThat(outcome.problems()).singleElement().extracting(TwilioProblem::message).asString().contains("may have accepted");
            assertPosts(1);
        }
    }

    @Nested
    class TooManyRequests {

        @Test
        void retriedAfter429ThenAccepted() {
            twilio.server().stubFor(post(urlPathEqualTo(MESSAGES_PATH)).inScenario("busy")
                    .whenScenarioStateIs(Scenario.STARTED)
                    .willReturn(error(429, 20429, "Too Many Requests").withHeader("Retry-After", "0"))
                    .willSetStateTo("calm"));
            twilio.server().stubFor(post(urlPathEqualTo(MESSAGES_PATH)).inScenario("busy")
                    .whenScenarioStateIs("calm")
                    .willReturn(created("SM42424242424242424242424242424242", A, "x")));
            TwilioConnector connector = connector();

            SendOutcome outcome = connector.send(sms(A, "same text twice"));

            assertThat(outcome.problems()).isEmpty();
            assertThat(outcome.accepted()).singleElement().extracting(dev.twilioconnector.core.sms.Accepted::sid)
                    .isEqualTo("SM42424242424242424242424242424242");
            assertPosts(2);
            assertThat(connector.retries()).isEqualTo(1);
            List<LoggedRequest> requests = twilio.requests();
            assertThat(form(requests.get(1))).isEqualTo(form(requests.get(0)));
            assertThat(requests.get(1).getHeader("Authorization")).isEqualTo(basic(ACCOUNT, TOKEN));
        }

        @Test
        void retryAfterIsHonoured() {
            twilio.server().stubFor(post(urlPathEqualTo(MESSAGES_PATH)).inScenario("busy")
                    .whenScenarioStateIs(Scenario.STARTED)
                    .willReturn(error(429, 20429, "Too Many Requests").withHeader("Retry-After", "1"))
                    .willSetStateTo("calm"));
            twilio.server().stubFor(post(urlPathEqualTo(MESSAGES_PATH)).inScenario("busy")
                    .whenScenarioStateIs("calm")
                    .willReturn(created("SM42424242424242424242424242424242", A, "x")));
            TwilioSettings settings = twilio.settings().toBuilder()
                    .parallelism(4).retry(new RetryPolicy(3, Duration.ofMillis(1), Duration.ofSeconds(5))).build();

            SendOutcome outcome = connector(settings).send(sms(A, "hi"));

            assertThat(outcome.problems()).isEmpty();
            List<Date> arrivals = twilio.requests().stream().map(LoggedRequest::getLoggedDate).toList();
            assertThat(arrivals).hasSize(2);
            assertThat(arrivals.get(1).getTime() - arrivals.get(0).getTime()).isGreaterThanOrEqualTo(1000);
        }

        @Test
        void retryAfterBeyondMaxBackoffIsCapped() {
            twilio.server().stubFor(post(urlPathEqualTo(MESSAGES_PATH)).inScenario("busy")
                    .whenScenarioStateIs(Scenario.STARTED)
                    .willReturn(error(429, 20429, "Too Many Requests").withHeader("Retry-After", "3600"))
                    .willSetStateTo("calm"));
            twilio.server().stubFor(post(urlPathEqualTo(MESSAGES_PATH)).inScenario("busy")
                    .whenScenarioStateIs("calm")
                    .willReturn(created("SM42424242424242424242424242424242", A, "x")));
            long start = System.nanoTime();

            SendOutcome outcome = connector().send(sms(A, "hi"));

            assertThat(outcome.problems()).isEmpty();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2500));
            assertPosts(2);
        }

        @Test
        void givesUpAfterMaxAttempts() {
            answer(error(429, 20429, "Too Many Requests").withHeader("Retry-After", "0"));
            TwilioConnector connector = connector();

            SendOutcome outcome = connector.send(sms(A, "hi"));

            assertThat(outcome.accepted()).isEmpty();
            assertThat(outcome.problems()).singleElement().satisfies(problem -> {
                assertThat(problem.recipient()).isEqualTo(A);
                assertThat(problem.code()).isEqualTo(20429);
                assertThat(problem.status()).isEqualTo(429);
            });
            assertPosts(4);
            assertThat(connector.retries()).isEqualTo(3);
        }
    }

    @Nested
    class NoAnswer {

        @Test
        void connectionRefused() {
            TwilioSettings settings = twilio.settings().toBuilder().apiBaseUrl(URI.create("http://127.0.0.1:" + FakeTwilio.closedPort())).build();
            TwilioConnector connector = connector(settings);

            SendOutcome outcome = connector.send(sms(A + "," + B, "hi"));

            assertThat(outcome.accepted()).isEmpty();
            assertThat(outcome.problems()).hasSize(2).allSatisfy(problem -> {
                assertThat(problem.code()).isNull();
                assertThat(problem.status()).isNull();
                assertThat(problem.message()).startsWith("cannot connect to Twilio at " + settings.apiBaseUrl());
            });
            assertThat(outcome.problems()).extracting(TwilioProblem::recipient).containsExactly(A, B);
            // A refused connection reached no server, so it is tried again, up to max-attempts per message.
            assertThat(connector.retries()).isEqualTo(2L * (settings.retry().maxAttempts() - 1));
        }

        @Test
        void readTimeoutIsNotResent() {
            answer(created("SM00000000000000000000000000000000", A, "x").withFixedDelay(2000));
            TwilioSettings settings = twilio.settings().toBuilder().readTimeout(Duration.ofMillis(300)).build();
            TwilioConnector connector = connector(settings);
            long start = System.nanoTime();

            SendOutcome outcome = connector.send(sms(A, "hi"));

            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            assertThat(outcome.accepted()).isEmpty();
            assertThat(outcome.problems()).containsExactly(new TwilioProblem(A, null, null, SmsSender.NO_ANSWER.formatted(300)));
            assertThat(outcome.problems().get(0).message()).contains("may have accepted");
            assertThat(elapsed).isLessThan(Duration.ofMillis(1800));
            assertPosts(1);
            assertThat(connector.retries()).isZero();
        }
    }

    @Test
    void sendingNeverThrowsAndEveryRecipientIsAccountedFor() {
        accept(A, "SMaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
        twilio.server().stubFor(post(urlPathEqualTo(MESSAGES_PATH)).withFormParam("To", equalTo(B))
                .willReturn(aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK)));
        twilio.server().stubFor(post(urlPathEqualTo(MESSAGES_PATH)).withFormParam("To", equalTo(C))
                .willReturn(error(400, 21211, "invalid")));

        SendOutcome outcome = connector().send(sms(List.of(A, B, C, "nope"), "hi"));

        assertThat(outcome.accepted()).extracting(dev.twilioconnector.core.sms.Accepted::to).containsExactly(A);
        assertThat(outcome.problems()).extracting(TwilioProblem::recipient).containsExactlyInAnyOrder(B, C, "nope");
        assertThat(outcome.problems()).filteredOn(problem -> "nope".equals(problem.recipient()))
                .singleElement().extracting(TwilioProblem::code).isEqualTo(PhoneAddress.INVALID_NUMBER_CODE);
    }
}

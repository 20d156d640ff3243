package dev.twilioconnector.core.sms;

import dev.twilioconnector.core.Answer;
import dev.twilioconnector.core.Refusal;
import dev.twilioconnector.core.TestAccount;
import dev.twilioconnector.core.TwilioConnector;
import dev.twilioconnector.core.TwilioProblem;
import dev.twilioconnector.core.recipient.PhoneAddress;
import dev.twilioconnector.core.settings.RetryPolicy;
import dev.twilioconnector.core.settings.TwilioSettings;
import dev.twilioconnector.core.template.SmsTemplate;
import dev.twilioconnector.core.template.TemplateTimedOut;
import dev.twilioconnector.emulator.Fault;
import dev.twilioconnector.emulator.RecordedRequest;
import dev.twilioconnector.emulator.TwilioEmulator;
import dev.twilioconnector.emulator.TwilioEmulatorExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static dev.twilioconnector.core.TestAccount.ACCOUNT;
import static dev.twilioconnector.core.TestAccount.API_KEY;
import static dev.twilioconnector.core.TestAccount.API_SECRET;
import static dev.twilioconnector.core.TestAccount.FROM;
import static dev.twilioconnector.core.TestAccount.MESSAGES_PATH;
import static dev.twilioconnector.core.TestAccount.MESSAGING_SERVICE;
import static dev.twilioconnector.core.TestAccount.NEVER;
import static dev.twilioconnector.core.TestAccount.TOKEN;
import static dev.twilioconnector.core.TestAccount.basic;
import static dev.twilioconnector.emulator.RequestMatch.messageCreation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class SmsSenderTest {

    private static final String A = "+15551230001";
    private static final String B = "+15551230002";
    private static final String C = "+15551230003";

    @RegisterExtension
    static final TwilioEmulatorExtension EMULATOR = TestAccount.emulator();

    private final TwilioEmulator twilio = EMULATOR.emulator();
    /** What answers held by a test wait for; released after each test. */
    private final CompletableFuture<Void> release = new CompletableFuture<>();
    private final List<TwilioConnector> connectors = new ArrayList<>();

    @AfterEach
    void closeConnectors() {
        release.complete(null);
        connectors.forEach(TwilioConnector::close);
    }

    private TwilioConnector connector(TwilioSettings settings) {
        TwilioConnector connector = TwilioConnector.create(settings);
        connectors.add(connector);
        return connector;
    }

    private TwilioConnector connector() {
        return connector(settings());
    }

    private TwilioSettings settings() {
        return TestAccount.settings(twilio);
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

    /** The SID of the one message Twilio created for {@code to}. */
    private String sidTo(String to) {
        assertThat(twilio.messages().sentTo(to)).hasSize(1);
        return twilio.messages().sentTo(to).get(0).sid();
    }

    private void assertNoRequests() {
        assertThat(twilio.requests()).isEmpty();
    }

    private void assertPosts(int count) {
        assertThat(twilio.requests(messageCreation())).hasSize(count);
        assertThat(twilio.requests()).hasSize(count);
    }

    @Nested
    class Accepted {

        @Test
        void oneRecipient() {
            SendOutcome outcome = connector().send(new SendSms(null, null, List.of(A), "Hello ${name}, order ${order}", Map.of("name", "Ada", "order", 4711)));

            assertThat(outcome.problems()).isEmpty();
            assertThat(outcome.accepted()).containsExactly(
                    new dev.twilioconnector.core.sms.Accepted(A, sidTo(A), "queued"));

            assertPosts(1);
            RecordedRequest request = twilio.requests().get(0);
            assertThat(request.url()).isEqualTo(MESSAGES_PATH);
            assertThat(request.form()).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "To", List.of(A),
                    "From", List.of(FROM),
                    "Body", List.of("Hello Ada, order 4711")));
            assertThat(request.authorization()).isEqualTo(basic(ACCOUNT, TOKEN));
            assertThat(request.header("Content-Type")).startsWith("application/x-www-form-urlencoded");
        }

        @Test
        void theApplicationsStatusWebhookIsAskedForUnlessTheTaskNamesItsOwn() {
            TwilioSettings settings = settings().toBuilder()
                    .statusCallbackUrl(TwilioSettings.statusCallbackOf("https://bpm.example.com/app/", null)).build();

            connector(settings).send(sms(A, "tracked"));
            MessageOptions own = MessageOptions.NONE.withStatusCallback(URI.create("https://hooks.example.com/mine"));
            connector(settings).send(new SendSms(null, null, List.of(B), "own callback", Map.of(), own));
            connector().send(sms(C, "no public URL"));

            List<RecordedRequest> requests = twilio.requests();
            assertThat(requests.get(0).params("StatusCallback")).containsExactly("https://bpm.example.com/app/twilio/status");
            assertThat(requests.get(1).params("StatusCallback")).containsExactly("https://hooks.example.com/mine");
            assertThat(requests.get(2).form()).doesNotContainKey("StatusCallback");
        }

        @Test
        void bodyKeepsUnicodeAndReservedCharacters() {
            String body = "Grüße & 100% ✓ a+b=c?d #1\nline 2";

            SendOutcome outcome = connector().send(sms(A, body));

            assertThat(outcome.problems()).isEmpty();
            assertThat(twilio.requests().get(0).params("Body")).containsExactly(body);
            assertThat(twilio.messages().sentTo(A)).singleElement().extracting(dev.twilioconnector.emulator.Message::body).isEqualTo(body);
        }

        @Test
        void apiKeyAuthenticatesWhileThePathKeepsTheAccount() {
            TwilioSettings settings = settings().toBuilder().apiKey(API_KEY).apiSecret(API_SECRET).build();

            SendOutcome outcome = connector(settings).send(sms(A, "hi"));

            assertThat(outcome.problems()).isEmpty();
            RecordedRequest request = twilio.requests().get(0);
            assertThat(request.url()).isEqualTo("/2010-04-01/Accounts/" + ACCOUNT + "/Messages.json");
            assertThat(request.authorization()).isEqualTo(basic(API_KEY, API_SECRET));
            assertThat(request.status()).as("the emulator took the API key for the account").isEqualTo(201);
        }

        @Test
        void messagingServiceFromSettingsWhenNoNumber() {
            TwilioSettings settings = settings().toBuilder().defaultFrom(null).messagingServiceSid(MESSAGING_SERVICE).build();

            SendOutcome outcome = connector(settings).send(sms(A, "via service"));

            assertThat(outcome.problems()).isEmpty();
            assertThat(twilio.requests().get(0).form()).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "To", List.of(A),
                    "MessagingServiceSid", List.of(MESSAGING_SERVICE),
                    "Body", List.of("via service")));
        }

        @Test
        void taskSenderWinsOverDefaults() {
            TwilioSettings settings = settings().toBuilder().defaultFrom(FROM).messagingServiceSid(MESSAGING_SERVICE).build();

            connector(settings).send(new SendSms("+15005550001", null, List.of(A), "x", null));
            connector(settings).send(new SendSms(null, "MGffffffffffffffffffffffffffffffff", List.of(A), "y", null));
            connector(settings).send(new SendSms(" ", "", List.of(A), "z", null));

            List<RecordedRequest> requests = twilio.requests();
            assertThat(requests.get(0).form()).containsEntry("From", List.of("+15005550001")).doesNotContainKey("MessagingServiceSid");
            assertThat(requests.get(1).form()).containsEntry("MessagingServiceSid", List.of("MGffffffffffffffffffffffffffffffff"))
                    .doesNotContainKey("From");
            assertThat(requests.get(2).form()).containsEntry("From", List.of(FROM)).doesNotContainKey("MessagingServiceSid");
        }

        @Test
        void alphanumericSenderAndWhatsApp() {
            SendOutcome alpha = connector().send(new SendSms("ACME Shop", null, List.of(A), "x", null));
            SendOutcome whatsapp = connector().send(new SendSms("WhatsApp:" + FROM, null, List.of("WhatsApp:" + B), "y", null));

            assertThat(alpha.problems()).isEmpty();
            assertThat(whatsapp.problems()).isEmpty();
            assertThat(whatsapp.accepted()).extracting(dev.twilioconnector.core.sms.Accepted::to).containsExactly("whatsapp:" + B);
            List<RecordedRequest> requests = twilio.requests();
            assertThat(requests.get(0).params("From")).containsExactly("ACME Shop");
            assertThat(requests.get(1).form()).containsEntry("From", List.of("whatsapp:" + FROM)).containsEntry("To", List.of("whatsapp:" + B));
        }

        @Test
        void threeRecipientsConcurrentlyEachWithItsOwnSidInTheGivenOrder() {
            // Twilio holds every answer until the test lets it go, and answers the first recipient last:
            // the outcome must still follow the order given.
            CompletableFuture<Void> releaseB = new CompletableFuture<>();
            CompletableFuture<Void> releaseC = new CompletableFuture<>();
            twilio.fail(Fault.holdUntil(release), messageCreation().to(A));
            twilio.fail(Fault.holdUntil(releaseB), messageCreation().to(B));
            twilio.fail(Fault.holdUntil(releaseC), messageCreation().to(C));
            TwilioSettings settings = settings().toBuilder().readTimeout(Duration.ofSeconds(5)).build();
            TwilioConnector connector = connector(settings);

            CompletableFuture<SendOutcome> sending = CompletableFuture.supplyAsync(() -> connector.send(sms(A + "," + B + "," + C, "To ${recipient}")));
            // Sequential sending could not send the next request before the previous one is answered (or its
            // read timeout gives up, which would make it a problem): all three arrive while none is answered.
            await().atMost(NEVER).until(() -> twilio.requests(messageCreation()).size() == 3);
            releaseB.complete(null);
            releaseC.complete(null);
            release.complete(null);
            SendOutcome outcome = sending.join();

            assertThat(outcome.problems()).isEmpty();
            assertThat(outcome.accepted()).containsExactly(
                    new dev.twilioconnector.core.sms.Accepted(A, sidTo(A), "queued"),
                    new dev.twilioconnector.core.sms.Accepted(B, sidTo(B), "queued"),
                    new dev.twilioconnector.core.sms.Accepted(C, sidTo(C), "queued"));
            List<RecordedRequest> requests = twilio.requests();
            assertThat(requests).hasSize(3);
            assertThat(requests).extracting(request -> request.param("Body"))
                    .containsExactlyInAnyOrder("To " + A, "To " + B, "To " + C);
        }

        @Test
        void duplicatesAreSentOnce() {
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
            SendOutcome outcome = connector().send(sms(A + ", 12345, " + B, "hi"));

            assertThat(outcome.accepted()).extracting(dev.twilioconnector.core.sms.Accepted::to).containsExactly(A, B);
            assertThat(outcome.problems()).singleElement().satisfies(problem -> {
                assertThat(problem.recipient()).isEqualTo("12345");
                assertThat(problem.code()).isEqualTo(21211);
                assertThat(problem.status()).isNull();
            });
            assertPosts(2);
            assertThat(twilio.requests()).extracting(request -> request.param("To")).containsExactlyInAnyOrder(A, B);
            assertThat(outcome.problems().get(0).message())
                    .isEqualTo("'12345' is not a phone number in E.164 form (a + and the country code, e.g. +15551230001)");
        }

        @Test
        void onlyInvalidNumbers() {
            SendOutcome outcome = connector().send(sms("abc;+1555", "hi"));

            assertThat(outcome.accepted()).isEmpty();
            assertThat(outcome.problems()).extracting(TwilioProblem::recipient).containsExactly("abc", "+1555");
            assertNoRequests();
        }

        @Test
        void noCredentials() {
            TwilioSettings settings = TwilioSettings.builder().defaultFrom(FROM).apiBaseUrl(twilio.baseUrl()).build();

            SendOutcome outcome = connector(settings).send(sms(A, "hi"));

            assertThat(outcome.accepted()).isEmpty();
            assertThat(outcome.problems()).containsExactly(Refusal.CREDENTIALS.problem(TwilioSettings.MISSING_CREDENTIALS));
            assertNoRequests();
        }

        @Test
        void halfConfiguredApiKey() {
            SendOutcome outcome = connector(settings().toBuilder().apiKey(API_KEY).build()).send(sms(A, "hi"));

            assertThat(outcome.problems()).containsExactly(Refusal.CREDENTIALS.problem(TwilioSettings.API_KEY_WITHOUT_SECRET));
            assertNoRequests();
        }

        @Test
        void noSender() {
            SendOutcome outcome = connector(settings().toBuilder().defaultFrom(null).build()).send(sms(A, "hi"));

            assertThat(outcome.accepted()).isEmpty();
            assertThat(outcome.problems()).singleElement().satisfies(problem -> {
                assertThat(problem.recipient()).isNull();
                assertThat(problem.message()).contains("no sender").contains("TWILIO_FROM");
            });
            assertNoRequests();
        }

        @Test
        void invalidSenderNumber() {
            SendOutcome outcome = connector().send(new SendSms("0049-123", null, List.of(A), "hi", null));

            assertThat(outcome.problems()).singleElement().satisfies(problem -> {
                assertThat(problem.recipient()).isNull();
                assertThat(problem.code()).isEqualTo(21212);
            });
            assertNoRequests();
        }

        @Test
        void invalidMessagingService() {
            SendOutcome outcome = connector().send(new SendSms(null, "XX123", List.of(A), "hi", null));

            assertThat(outcome.problems()).singleElement().extracting(TwilioProblem::message).asString().contains("MG");
            assertNoRequests();
        }

        @Test
        void noRecipients() {
            SendOutcome outcome = connector().send(sms(" ", "hi"));

            assertThat(outcome.problems()).containsExactly(Refusal.NO_RECIPIENT.problem());
            assertNoRequests();
        }

        @Test
        void noBody() {
            assertThat(connector().send(sms(A, null)).problems()).containsExactly(Refusal.NO_BODY.problem());
            assertThat(connector().send(sms(A, "  ")).problems()).containsExactly(Refusal.NO_BODY.problem());
            assertNoRequests();
        }

        @Test
        void bodyEmptyAfterRendering() {
            SendOutcome outcome = connector().send(new SendSms(null, null, List.of(A), "${text}", Map.of("text", " ")));

            assertThat(outcome.problems()).singleElement().satisfies(problem -> {
                assertThat(problem.recipient()).isEqualTo(A);
                assertThat(problem.code()).isEqualTo(Refusal.EMPTY_BODY.code());
            });
            assertNoRequests();
        }

        @Test
        void bodyOverLimitFailsOnlyForThatRecipient() {
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
            assertThat(twilio.requests().get(0).form()).containsEntry("To", List.of(B)).containsEntry("Body", List.of("short"));
        }

        @Test
        void aBodyThatWouldRenderGigabytesFailsOnlyThatRecipientWithTheLengthCode() {
            // 2 GB of text if it were ever written out in full
            String template = "<#if recipient == \"" + A + "\"><#list 1..200000000 as i>xxxxxxxxxx</#list><#else>short</#if>";

            SendOutcome outcome = connector().send(sms(A + "," + B, template));

            assertThat(outcome.accepted()).extracting(dev.twilioconnector.core.sms.Accepted::to).containsExactly(B);
            assertThat(outcome.problems()).containsExactly(Refusal.BODY_TOO_LONG.problemFor(A));
            assertPosts(1);
        }

        @Test
        void aTemplateThatNeverEndsIsStoppedAtTheRenderTimeoutAndSendsNothing() {
            Duration timeout = Duration.ofMillis(300);

            TwilioConnector connector = connector(settings().toBuilder().renderTimeout(timeout).build());

            SendOutcome outcome = connector.send(sms(A + "," + B, "<#list 1..2000000000 as i></#list>never"));

            assertThat(outcome.accepted()).isEmpty();
            assertThat(outcome.problems()).containsExactly(Refusal.BODY_TEMPLATE.problem(TemplateTimedOut.MESSAGE.formatted(300)));
            assertThat(Thread.currentThread().isInterrupted()).as("the watchdog's interrupt stays inside the rendering").isFalse();
            assertThat(connector.templates().renderTimeout()).isEqualTo(timeout);
            assertNoRequests();
        }

        @Test
        void bodyLimitCountsCharactersNotUtf16Units() {
            String emoji = "\uD83D\uDE00"; // one character, two UTF-16 units

            SendOutcome outcome = connector().send(sms(A, emoji.repeat(SmsSender.MAX_BODY_LENGTH)));

            assertThat(outcome.problems()).isEmpty();
            assertPosts(1);
        }

        @Test
        void templateSyntaxError() {
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
            SendOutcome outcome = connector().send(new SendSms(null, null, recipients(A + "," + B), "Hello ${customer.name}", Map.of("customer", Map.of())));

            assertThat(outcome.problems()).singleElement().satisfies(problem -> {
                assertThat(problem.recipient()).isNull();
                assertThat(problem.message()).isEqualTo("Body " + SmsTemplate.MISSING_VARIABLE.formatted("customer.name", 1, 9, "customer.name"));
            });
            assertNoRequests();
        }

        @Test
        void templateFailingForOneRecipientStopsTheWholeSend() {
            SendOutcome outcome = connector().send(sms(A + "," + B, "<#if recipient == \"" + B + "\">${missing}</#if>ok"));

            assertThat(outcome.accepted()).isEmpty();
            assertThat(outcome.problems()).singleElement().extracting(TwilioProblem::recipient).isNull();
            assertNoRequests();
        }
    }

    /** A reply answered in a webhook's TwiML: made by sending's rules, sent nowhere. */
    @Nested
    class Composed {

        @Test
        void theTextTheRecipientWouldGetWithoutARequest() {
            Answer<String> text = connector().compose(new SendSms(FROM, null, List.of(A), "Hi ${name}, this is for ${recipient}",
                    Map.of("name", "Ada")));

            assertThat(text).isEqualTo(Answer.of("Hi Ada, this is for " + A));
            assertNoRequests();
        }

        @Test
        void withoutCredentialsToo() {
            TwilioSettings none = TwilioSettings.builder().apiBaseUrl(twilio.baseUrl()).defaultFrom(FROM).build();

            assertThat(connector(none).compose(sms(A, "hi")).value()).isEqualTo("hi");
            assertNoRequests();
        }

        @Test
        void mediaWithoutTextHasNoText() {
            MessageOptions media = new MessageOptions(List.of(URI.create("https://example.com/a.png")), null, null, null, null);

            assertThat(connector().compose(new SendSms(FROM, null, List.of(A), null, Map.of(), media))).isEqualTo(Answer.of(null));
        }

        @Test
        void theProblemsASendWouldMeet() {
            String tooLong = "x".repeat(SmsSender.MAX_BODY_LENGTH + 1);
            MessageOptions ftp = new MessageOptions(List.of(URI.create("ftp://example.com/a.png")), null, null, null, null);

            assertThat(connector().compose(sms(A, tooLong)).problem()).isEqualTo(Refusal.BODY_TOO_LONG.problemFor(A));
            assertThat(connector().compose(new SendSms(null, null, List.of(A), "${text}", Map.of("text", " "))).problem())
                    .isEqualTo(Refusal.EMPTY_BODY.problemFor(A));
            assertThat(connector().compose(sms(A, "Hello ${name")).problem().message())
                    .startsWith("Body template has a syntax error at line 1, column ");
            assertThat(connector().compose(sms(A, null)).problem()).isEqualTo(Refusal.NO_BODY.problem());
            assertThat(connector().compose(sms("555-0100", "hi")).problem().code()).isEqualTo(PhoneAddress.INVALID_NUMBER_CODE);
            assertThat(connector().compose(new SendSms(FROM, null, List.of(A), "hi", Map.of(), ftp)).problem())
                    .isEqualTo(Refusal.MEDIA_NOT_HTTP.problem("ftp://example.com/a.png"));
            assertNoRequests();
        }
    }

    @Nested
    class TwilioRefuses {

        @Test
        void invalidNumber() {
            twilio.fail(Fault.twilioError(400, 21211, "The 'To' number +15551230001 is not a valid phone number."));

            SendOutcome outcome = connector().send(sms(A, "hi"));

            assertThat(outcome.accepted()).isEmpty();
            assertThat(outcome.problems()).containsExactly(
                    new TwilioProblem(A, 21211, 400, "The 'To' number +15551230001 is not a valid phone number."));
            assertPosts(1);
        }

        @Test
        void unauthorized() {
            twilio.fail(Fault.unauthorized());

            SendOutcome outcome = connector().send(sms(A, "hi"));

            assertThat(outcome.problems()).containsExactly(new TwilioProblem(A, 20003, 401, "Authenticate"));
            assertPosts(1);
        }

        @Test
        void notFound() {
            twilio.fail(Fault.twilioError(404, 20404, "The requested resource was not found"));

            SendOutcome outcome = connector().send(sms(A, "hi"));

            assertThat(outcome.problems()).containsExactly(new TwilioProblem(A, 20404, 404, "The requested resource was not found"));
            assertPosts(1);
        }

        @Test
        void oneRefusedOthersAccepted() {
            twilio.fail(Fault.twilioError(400, 21610, "Attempt to send to unsubscribed recipient"), messageCreation().to(B));

            SendOutcome outcome = connector().send(sms(List.of(A, B, C), "hi"));

            assertThat(outcome.accepted()).extracting(dev.twilioconnector.core.sms.Accepted::sid)
                    .containsExactly(sidTo(A), sidTo(C));
            assertThat(outcome.problems()).containsExactly(new TwilioProblem(B, 21610, 400, "Attempt to send to unsubscribed recipient"));
            assertPosts(3);
        }

        @Test
        void serverErrorIsNotResent() {
            // Only the first answer is a 500: a resend would have been accepted.
            twilio.failNext(1, Fault.serverError());
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
            twilio.fail(Fault.answer(500, "text/html", "<html>oops</html>"));

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
            twilio.fail(Fault.answer(404, "text/html", "<html>\n<h1>Not Found</h1>\n</html>"));

            SendOutcome outcome = connector().send(sms(A, "hi"));

            assertThat(outcome.problems()).singleElement().satisfies(problem -> {
                assertThat(problem.status()).isEqualTo(404);
                assertThat(problem.message()).isEqualTo("HTTP 404 without a Twilio error body: <html> <h1>Not Found</h1> </html>");
            });
            assertPosts(1);
        }

        @Test
        void anEmptyBadGatewayKeepsItsStatus() {
            twilio.fail(Fault.answer(502, null, null));

            SendOutcome outcome = connector().send(sms(A, "hi"));

            assertThat(outcome.problems()).singleElement().satisfies(problem -> {
                assertThat(problem.status()).isEqualTo(502);
                assertThat(problem.message()).startsWith("HTTP 502 without a Twilio error body;").contains("may have accepted");
            });
            assertPosts(1);
        }

        @Test
        void serviceUnavailableIsNotResent() {
            twilio.fail(Fault.unavailable(0));
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
            twilio.fail(Fault.answer(201, "application/json", "{not json"));

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
            twilio.fail(Fault.disconnect());

            SendOutcome outcome = connector().send(sms(A, "hi"));

            assertThat(outcome.problems()).singleElement().satisfies(problem -> {
                assertThat(problem.recipient()).isEqualTo(A);
                assertThat(problem.status()).isNull();
                assertThat(problem.message()).contains("may have accepted");
            });
            assertPosts(1);
        }

        @Test
        void connectionLostAfterTwilioAcceptedIsNotResent() {
            // Twilio creates the message, then the connection drops before its answer.
            twilio.fail(Fault.loseAnswer());

            SendOutcome outcome = connector().send(sms(A, "hi"));

            assertThat(outcome.problems()).singleElement().extracting(TwilioProblem::message).asString().contains("may have accepted");
            assertPosts(1);
            assertThat(twilio.messages().sentTo(A)).as("sent once, as Twilio did take it").hasSize(1);
        }
    }

    @Nested
    class TooManyRequests {

        @Test
        void retriedAfter429ThenAccepted() {
            twilio.failNext(1, Fault.tooManyRequests(0));
            TwilioConnector connector = connector();

            SendOutcome outcome = connector.send(sms(A, "same text twice"));

            assertThat(outcome.problems()).isEmpty();
            assertThat(outcome.accepted()).singleElement().extracting(dev.twilioconnector.core.sms.Accepted::sid)
                    .isEqualTo(sidTo(A));
            assertPosts(2);
            assertThat(connector.retries()).isEqualTo(1);
            List<RecordedRequest> requests = twilio.requests();
            assertThat(requests).extracting(RecordedRequest::status).containsExactly(429, 201);
            assertThat(requests.get(1).form()).isEqualTo(requests.get(0).form());
            assertThat(requests.get(1).authorization()).isEqualTo(basic(ACCOUNT, TOKEN));
        }

        @Test
        void retryAfterIsHonoured() {
            twilio.failNext(1, Fault.tooManyRequests(1));
            TwilioSettings settings = settings().toBuilder()
                    .parallelism(4).retry(new RetryPolicy(3, Duration.ofMillis(1), Duration.ofSeconds(5))).build();

            SendOutcome outcome = connector(settings).send(sms(A, "hi"));

            assertThat(outcome.problems()).isEmpty();
            List<RecordedRequest> requests = twilio.requests();
            assertThat(requests).extracting(RecordedRequest::status).containsExactly(429, 201);
            assertThat(Duration.between(requests.get(0).receivedAt(), requests.get(1).receivedAt())).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        }

        @Test
        void retryAfterBeyondMaxBackoffIsCapped() {
            twilio.failNext(1, Fault.tooManyRequests(3600));
            TwilioConnector connector = connector();

            // Retry-After asks for an hour; the backoff is capped at 200 ms.
            SendOutcome outcome = assertTimeoutPreemptively(NEVER, () -> connector.send(sms(A, "hi")));

            assertThat(outcome.problems()).isEmpty();
            assertPosts(2);
        }

        @Test
        void givesUpAfterMaxAttempts() {
            twilio.fail(Fault.tooManyRequests(0));
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
            TwilioSettings settings = settings().toBuilder().apiBaseUrl(URI.create("http://127.0.0.1:" + TestAccount.closedPort())).build();
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
            // Twilio answers only once the test is over: the send can end only by its read timeout.
            twilio.fail(Fault.holdUntil(release));
            TwilioSettings settings = settings().toBuilder().readTimeout(Duration.ofMillis(300)).build();
            TwilioConnector connector = connector(settings);
            long start = System.nanoTime();

            SendOutcome outcome = assertTimeoutPreemptively(NEVER, () -> connector.send(sms(A, "hi")));

            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            assertThat(outcome.accepted()).isEmpty();
            assertThat(outcome.problems()).containsExactly(new TwilioProblem(A, null, null, SmsSender.NO_ANSWER.formatted(300)));
            assertThat(outcome.problems().get(0).message()).contains("may have accepted");
            assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofMillis(300));
            assertPosts(1);
            assertThat(connector.retries()).isZero();
        }
    }

    @Test
    void sendingNeverThrowsAndEveryRecipientIsAccountedFor() {
        twilio.fail(Fault.breakOff(), messageCreation().to(B));
        twilio.fail(Fault.twilioError(400, 21211, "invalid"), messageCreation().to(C));

        SendOutcome outcome = connector().send(sms(List.of(A, B, C, "nope"), "hi"));

        assertThat(outcome.accepted()).extracting(dev.twilioconnector.core.sms.Accepted::to).containsExactly(A);
        assertThat(outcome.problems()).extracting(TwilioProblem::recipient).containsExactlyInAnyOrder(B, C, "nope");
        assertThat(outcome.problems()).filteredOn(problem -> "nope".equals(problem.recipient()))
                .singleElement().extracting(TwilioProblem::code).isEqualTo(PhoneAddress.INVALID_NUMBER_CODE);
    }
}

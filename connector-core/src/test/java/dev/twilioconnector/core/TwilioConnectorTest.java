package dev.twilioconnector.core;

import dev.twilioconnector.core.settings.TwilioSettings;
import dev.twilioconnector.core.sms.FetchMessage;
import dev.twilioconnector.core.sms.ListMessages;
import dev.twilioconnector.core.sms.MessageRecord;
import dev.twilioconnector.core.sms.SendSms;
import dev.twilioconnector.core.verify.CheckVerification;
import dev.twilioconnector.core.verify.CodeCheck;
import dev.twilioconnector.core.verify.StartVerification;
import dev.twilioconnector.core.verify.Verification;
import dev.twilioconnector.emulator.Message;
import dev.twilioconnector.emulator.RecordedRequest;
import dev.twilioconnector.emulator.RequestMatch;
import dev.twilioconnector.emulator.TwilioEmulator;
import dev.twilioconnector.emulator.TwilioEmulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static dev.twilioconnector.core.TestAccount.ACCOUNT;
import static dev.twilioconnector.core.TestAccount.FROM;
import static org.assertj.core.api.Assertions.assertThat;

/** The connector as the one door to Twilio: every action passes the same credential check and its request's own check first. */
class TwilioConnectorTest {

    private static final String SERVICE = "VA00000000000000000000000000000009";
    private static final String TO = "+15551230001";

    /** Reset before each test, so that "no request" means none of this test's. */
    @RegisterExtension
    static final TwilioEmulatorExtension EMULATOR = TestAccount.emulator();

    private final TwilioEmulator twilio = EMULATOR.emulator();

    /** Each action, with a request that would otherwise be made, and the problem its answer carries. */
    private static final List<Function<TwilioClient, TwilioProblem>> EVERY_ACTION = List.of(
            client -> client.send(new SendSms(null, null, List.of(TO), "hi", Map.of())).problems().get(0),
            client -> client.fetch(new FetchMessage("SM0123456789abcdef0123456789abcdef")).problem(),
            client -> client.list(new ListMessages(null, null, null, null, null, null)).problem(),
            client -> client.start(new StartVerification(SERVICE, TO, null, null, null)).problem(),
            client -> client.check(new CheckVerification(SERVICE, TO, "884213")).problem());

    @Test
    void withoutCredentialsNoActionMakesARequest() {
        TwilioSettings none = TwilioSettings.builder().apiBaseUrl(twilio.baseUrl()).defaultFrom(FROM).build();
        try (TwilioConnector connector = TwilioConnector.create(none)) {
            assertThat(EVERY_ACTION).allSatisfy(action ->
                    assertThat(action.apply(connector)).isEqualTo(Refusal.CREDENTIALS.problem(TwilioSettings.MISSING_CREDENTIALS)));
        }
        assertThat(twilio.requests()).isEmpty();
    }

    @Test
    void aRequestWithAProblemIsNotMade() {
        try (TwilioConnector connector = TwilioConnector.create(TestAccount.settings(twilio))) {
            assertThat(connector.fetch(new FetchMessage("CA123")).problem().refusal()).isEqualTo(Refusal.INVALID_MESSAGE_SID);
            assertThat(connector.list(new ListMessages(null, null, null, null, 0L, null)).problem().refusal())
                    .isEqualTo(Refusal.PAGE_SIZE_RANGE);
            assertThat(connector.start(new StartVerification("MG1", TO, null, null, null)).problem().refusal())
                    .isEqualTo(Refusal.INVALID_SERVICE_SID);
            assertThat(connector.check(new CheckVerification(SERVICE, TO, null)).problem().refusal()).isEqualTo(Refusal.NO_CODE);
        }
        assertThat(twilio.requests()).isEmpty();
    }

    @Test
    void fetchesAMessageWithTwiliosTypes() {
        Message sent = Message.outbound(ACCOUNT, FROM, TO, "Hello", Message.DELIVERED, Instant.parse("2026-11-22T10:00:05Z"));
        twilio.addMessage(sent);

        try (TwilioConnector connector = TwilioConnector.create(TestAccount.settings(twilio))) {
            Answer<MessageRecord> answer = connector.fetch(new FetchMessage(sent.sid()));

            assertThat(answer.hasProblem()).isFalse();
            MessageRecord message = answer.value();
            assertThat(message.sid()).isEqualTo(sent.sid());
            assertThat(message.status()).isEqualTo("delivered");
            assertThat(message.numSegments()).isEqualTo("1");
            assertThat(message.priceUnit()).isEqualTo("USD");
            assertThat(message.dateSent()).isEqualTo(OffsetDateTime.parse("2026-11-22T10:00:05Z"));
        }
    }

    @Test
    void listsWithTheFiltersInUtc() {
        Message wanted = Message.outbound(ACCOUNT, FROM, TO, "Hello", Message.DELIVERED, Instant.parse("2026-11-22T10:00:05Z"));
        twilio.addMessage(wanted);
        twilio.addMessage(Message.outbound(ACCOUNT, FROM, TO, "too early", Message.DELIVERED, Instant.parse("2026-10-31T23:59:59Z")));
        twilio.addMessage(Message.outbound(ACCOUNT, FROM, "+15551230002", "to someone else", Message.DELIVERED,
                Instant.parse("2026-11-22T10:00:05Z")));

        try (TwilioConnector connector = TwilioConnector.create(TestAccount.settings(twilio))) {
            Answer<List<MessageRecord>> answer = connector.list(
                    new ListMessages(Instant.parse("2026-11-01T00:00:00Z"), null, null, TO, null, null));

            assertThat(answer.problem()).isNull();
            assertThat(answer.value()).extracting(MessageRecord::sid).containsExactly(wanted.sid());
        }
        assertThat(twilio.requests(RequestMatch.messageList())).singleElement().satisfies(request -> {
            assertThat(request.param("DateSent>")).isEqualTo("2026-11-01T00:00:00Z");
            assertThat(request.param("To")).isEqualTo(TO);
        });
    }

    @Test
    void startsAndChecksAVerification() {
        try (TwilioConnector connector = TwilioConnector.create(TestAccount.settings(twilio))) {
            Answer<Verification> started = connector.start(new StartVerification(SERVICE, TO, "WhatsApp", null, null));
            String code = twilio.verificationCode(TO).orElseThrow();
            Answer<CodeCheck> checked = connector.check(new CheckVerification(SERVICE, TO, code));

            assertThat(started.value().sid()).startsWith("VE").hasSize(34);
            assertThat(started.value()).isEqualTo(new Verification(started.value().sid(), TO, "whatsapp", "pending"));
            assertThat(checked.value().approved()).isTrue();
        }
        assertThat(twilio.requests(RequestMatch.verificationStart())).extracting(request -> request.param("Channel"))
                .containsExactly("whatsapp");
        assertThat(twilio.requests(RequestMatch.verificationCheck())).extracting(RecordedRequest::status).containsExactly(200);
    }

    @Test
    void aRefusalOfTwilioIsItsProblem() {
        // No verification is pending for TO: Twilio answers 404 with its code 20404.
        try (TwilioConnector connector = TwilioConnector.create(TestAccount.settings(twilio))) {
            assertThat(connector.check(new CheckVerification(SERVICE, TO, "884213")).problem()).isEqualTo(new TwilioProblem(null, 20404, 404,
                    "The requested resource /v2/Services/" + SERVICE + "/VerificationCheck was not found"));
        }
    }
}

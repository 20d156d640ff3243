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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.twilioconnector.core.FakeTwilio.ACCOUNT;
import static dev.twilioconnector.core.FakeTwilio.error;
import static dev.twilioconnector.core.FakeTwilio.json;
import static org.assertj.core.api.Assertions.assertThat;

/** The connector as the one door to Twilio: every action passes the same credential check and its request's own check first. */
class TwilioConnectorTest {

    private static final String SID = "SM0123456789abcdef0123456789abcdef";
    private static final String SERVICE = "VA00000000000000000000000000000009";
    private static final String TO = "+15551230001";

    /** One per test, so that "no request" means none of this test's. */
    private final FakeTwilio twilio = new FakeTwilio();

    @AfterEach
    void stopFake() {
        twilio.close();
    }

    /** Each action, with a request that would otherwise be made, and the problem its answer carries. */
    private static final List<Function<TwilioClient, TwilioProblem>> EVERY_ACTION = List.of(
            client -> client.send(new SendSms(null, null, List.of(TO), "hi", Map.of())).problems().get(0),
            client -> client.fetch(new FetchMessage(SID)).problem(),
            client -> client.list(new ListMessages(null, null, null, null, null, null)).problem(),
            client -> client.start(new StartVerification(SERVICE, TO, null, null, null)).problem(),
            client -> client.check(new CheckVerification(SERVICE, TO, "884213")).problem());

    @Test
    void withoutCredentialsNoActionMakesARequest() {
        TwilioSettings none = TwilioSettings.builder().apiBaseUrl(URI.create(twilio.baseUrl())).defaultFrom(FakeTwilio.FROM).build();
        try (TwilioConnector connector = TwilioConnector.create(none)) {
            assertThat(EVERY_ACTION).allSatisfy(action ->
                    assertThat(action.apply(connector)).isEqualTo(Refusal.CREDENTIALS.problem(TwilioSettings.MISSING_CREDENTIALS)));
        }
        twilio.server().verify(exactly(0), anyRequestedFor(anyUrl()));
    }

    @Test
    void aRequestWithAProblemIsNotMade() {
        try (TwilioConnector connector = TwilioConnector.create(twilio.settings())) {
            assertThat(connector.fetch(new FetchMessage("CA123")).problem().refusal()).isEqualTo(Refusal.INVALID_MESSAGE_SID);
            assertThat(connector.list(new ListMessages(null, null, null, null, 0L, null)).problem().refusal())
                    .isEqualTo(Refusal.PAGE_SIZE_RANGE);
            assertThat(connector.start(new StartVerification("MG1", TO, null, null, null)).problem().refusal())
                    .isEqualTo(Refusal.INVALID_SERVICE_SID);
            assertThat(connector.check(new CheckVerification(SERVICE, TO, null)).problem().refusal()).isEqualTo(Refusal.NO_CODE);
        }
        twilio.server().verify(exactly(0), anyRequestedFor(anyUrl()));
    }

    @Test
    void fetchesAMessageWithTwiliosTypes() {
        twilio.server().stubFor(get(urlPathEqualTo("/2010-04-01/Accounts/" + ACCOUNT + "/Messages/" + SID + ".json"))
                .willReturn(json(200, message(SID))));

        try (TwilioConnector connector = TwilioConnector.create(twilio.settings())) {
            Answer<MessageRecord> answer = connector.fetch(new FetchMessage(SID));

            assertThat(answer.hasProblem()).isFalse();
            MessageRecord message = answer.value();
            assertThat(message.sid()).isEqualTo(SID);
            assertThat(message.status()).isEqualTo("delivered");
            assertThat(message.numSegments()).isEqualTo("1");
            assertThat(message.priceUnit()).isEqualTo("USD");
            assertThat(message.dateSent()).isEqualTo(OffsetDateTime.parse("2026-11-22T10:00:05Z"));
        }
    }

    @Test
    void listsWithTheFiltersInUtc() {
        twilio.server().stubFor(get(urlPathEqualTo("/2010-04-01/Accounts/" + ACCOUNT + "/Messages.json"))
                .withQueryParam("DateSent>", equalTo("2026-11-01T00:00:00Z")).withQueryParam("To", equalTo(TO))
                .willReturn(json(200, "{\"messages\":[" + message(SID) + "],\"next_page_uri\":null,\"page\":0,\"page_size\":50}")));

        try (TwilioConnector connector = TwilioConnector.create(twilio.settings())) {
            Answer<List<MessageRecord>> answer = connector.list(
                    new ListMessages(Instant.parse("2026-11-01T00:00:00Z"), null, null, TO, null, null));

            assertThat(answer.problem()).isNull();
            assertThat(answer.value()).extracting(MessageRecord::sid).containsExactly(SID);
        }
    }

    @Test
    void startsAndChecksAVerification() {
        String verifications = "/v2/Services/" + SERVICE + "/Verifications";
        twilio.server().stubFor(post(urlPathEqualTo(verifications)).withFormParam("Channel", equalTo("whatsapp"))
                .willReturn(json(201, verification("pending", false))));
        twilio.server().stubFor(post(urlPathEqualTo("/v2/Services/" + SERVICE + "/VerificationCheck"))
                .willReturn(json(200, verification("approved", true))));

        try (TwilioConnector connector = TwilioConnector.create(twilio.settings())) {
            Answer<Verification> started = connector.start(new StartVerification(SERVICE, TO, "WhatsApp", null, null));
            Answer<CodeCheck> checked = connector.check(new CheckVerification(SERVICE, TO, "884213"));

            assertThat(started.value()).isEqualTo(new Verification("VE00000000000000000000000000000001", TO, "sms", "pending"));
            assertThat(checked.value().approved()).isTrue();
        }
    }

    @Test
    void aRefusalOfTwilioIsItsProblem() {
        twilio.server().stubFor(post(urlPathEqualTo("/v2/Services/" + SERVICE + "/VerificationCheck"))
                .willReturn(error(404, 20404, "The requested resource was not found")));

        try (TwilioConnector connector = TwilioConnector.create(twilio.settings())) {
            assertThat(connector.check(new CheckVerification(SERVICE, TO, "884213")).problem())
                    .isEqualTo(new TwilioProblem(null, 20404, 404, "The requested resource was not found"));
        }
    }

    private static String message(String sid) {
        return "{\"sid\":\"" + sid + "\",\"account_sid\":\"" + ACCOUNT + "\",\"to\":\"" + TO + "\",\"from\":\"+15005550006\","
                + "\"body\":\"Hello\",\"status\":\"delivered\",\"direction\":\"outbound-api\",\"num_segments\":\"1\",\"num_media\":\"0\","
                + "\"error_code\":null,\"error_message\":null,\"price\":\"-0.00790\",\"price_unit\":\"USD\",\"api_version\":\"2010-04-01\","
                + "\"date_created\":\"Sun, 22 Nov 2026 10:00:00 +0000\",\"date_sent\":\"Sun, 22 Nov 2026 10:00:05 +0000\","
                + "\"date_updated\":\"Sun, 22 Nov 2026 10:00:07 +0000\"}";
    }

    private static String verification(String status, boolean valid) {
        return "{\"sid\":\"VE00000000000000000000000000000001\",\"service_sid\":\"" + SERVICE + "\",\"account_sid\":\"" + ACCOUNT
                + "\",\"to\":\"" + TO + "\",\"channel\":\"sms\",\"status\":\"" + status + "\",\"valid\":" + valid
                + ",\"date_created\":\"2026-11-22T10:00:00Z\",\"date_updated\":\"2026-11-22T10:00:00Z\"}";
    }
}

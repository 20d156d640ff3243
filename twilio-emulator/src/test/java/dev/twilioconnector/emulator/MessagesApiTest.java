package dev.twilioconnector.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.twilio.converter.DateConverter;
import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.Message.Direction;
import com.twilio.rest.api.v2010.account.Message.Status;
import com.twilio.type.PhoneNumber;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.twilioconnector.emulator.RawHttp.form;
import static dev.twilioconnector.emulator.RawHttp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

/** Creating and fetching messages, driven by the real Twilio SDK and by plain HTTP: Twilio's JSON, checks and error codes. */
class MessagesApiTest extends EmulatedTwilioTest {

    static final String SID = "^SM[0-9a-f]{32}$";
    static final String RFC_2822 = "^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} \\+0000$";
    static final String FROM = Account.DEFAULT_NUMBER;

    @Test
    void theSdkCreatesAMessageAndReadsTwiliosAnswer() {
        Message message = Message.creator(new PhoneNumber("+15551110001"), new PhoneNumber(FROM), "Hello from the SDK").create(client);

        assertThat(message.getSid()).matches(SID);
        assertThat(message.getAccountSid()).isEqualTo(twilio.accountSid());
        assertThat(message.getTo()).isEqualTo("+15551110001");
        assertThat(message.getFrom()).hasToString(FROM);
        assertThat(message.getBody()).isEqualTo("Hello from the SDK");
        assertThat(message.getStatus()).isEqualTo(Status.QUEUED);
        assertThat(message.getDirection()).isEqualTo(Direction.OUTBOUND_API);
        assertThat(message.getApiVersion()).isEqualTo("2010-04-01");
        assertThat(message.getNumSegments()).isEqualTo("1");
        assertThat(message.getNumMedia()).isEqualTo("0");
        assertThat(message.getMessagingServiceSid()).isNull();
        assertThat(message.getDateCreated()).isNotNull().isEqualTo(message.getDateUpdated());
        assertThat(message.getDateSent()).isNull();
        assertThat(message.getPrice()).isNull();
        assertThat(message.getErrorCode()).isNull();
        assertThat(message.getUri()).isEqualTo("/2010-04-01/Accounts/" + twilio.accountSid() + "/Messages/" + message.getSid() + ".json");
        assertThat(message.getSubresourceUris()).containsEntry("media",
                "/2010-04-01/Accounts/" + twilio.accountSid() + "/Messages/" + message.getSid() + "/Media.json");

        assertThat(twilio.messages().sent()).singleElement().satisfies(stored -> {
            assertThat(stored.sid()).isEqualTo(message.getSid());
            assertThat(stored.direction()).isEqualTo("outbound-api");
            assertThat(stored.from()).isEqualTo(FROM);
            assertThat(stored.to()).isEqualTo("+15551110001");
            assertThat(stored.body()).isEqualTo("Hello from the SDK");
            assertThat(stored.status()).isEqualTo("queued");
        });
        assertThat(twilio.messages().sentTo("+15551110001")).hasSize(1);
        assertThat(twilio.counts().accepted()).isEqualTo(1);
        assertThat(twilio.counts().acceptedPerRecipient()).containsExactly(Map.entry("+15551110001", 1));
    }

    @Test
    void theRequestIsRecordedAsSent() {
        Message.creator(new PhoneNumber("+15551110002"), new PhoneNumber(FROM), "Recorded")
                .setMediaUrl(List.of(URI.create("https://example.com/a.png"), URI.create("https://example.com/b.png")))
                .create(client);

        assertThat(twilio.requests()).singleElement().satisfies(request -> {
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.prefix()).isEmpty();
            assertThat(request.path()).isEqualTo(RawHttp.messages(twilio.accountSid()));
            assertThat(request.url()).isEqualTo(RawHttp.messages(twilio.accountSid()));
            assertThat(request.isMessageCreation()).isTrue();
            assertThat(request.param("To")).isEqualTo("+15551110002");
            assertThat(request.param("Body")).isEqualTo("Recorded");
            assertThat(request.params("MediaUrl")).containsExactly("https://example.com/a.png", "https://example.com/b.png");
            assertThat(request.authorization()).isEqualTo(authorization());
            assertThat(request.user()).isEqualTo(twilio.accountSid());
            assertThat(request.header("content-TYPE")).startsWith("application/x-www-form-urlencoded");
            assertThat(request.status()).isEqualTo(201);
            assertThat(request.toString()).doesNotContain(twilio.authToken()).doesNotContain("Basic");
        });
    }

    @Test
    void mediaMessagingServicesAndWhatsappAreAccepted() {
        var mms = Message.creator(new PhoneNumber("+15551110003"), new PhoneNumber(FROM),
                List.of(URI.create("https://example.com/cat.jpg"))).create(client);
        assertThat(mms.getNumMedia()).isEqualTo("1");
        assertThat(mms.getBody()).isEmpty();
        assertThat(twilio.messages().find(mms.getSid())).get().extracting(stored -> stored.mediaUrls())
                .isEqualTo(List.of("https://example.com/cat.jpg"));

        String service = "MG" + "0123456789abcdef".repeat(2);
        var viaService = Message.creator(new PhoneNumber("+15551110003"), service, "Through a service")
                .create(client);
        assertThat(viaService.getMessagingServiceSid()).isEqualTo(service);
        assertThat(viaService.getFrom()).hasToString(twilio.number());
        assertThat(Message.fetcher(viaService.getSid()).fetch(client).getMessagingServiceSid())
                .isEqualTo(service);

        var whatsapp = Message.creator(new PhoneNumber("whatsapp:+15551110003"),
                new PhoneNumber("whatsapp:" + FROM), "Hi").create(client);
        assertThat(whatsapp.getTo()).isEqualTo("whatsapp:+15551110003");

        var template = Message.creator(new PhoneNumber("whatsapp:+15551110003"),
                new PhoneNumber("whatsapp:" + FROM), (String) null).setContentSid("HX" + "0".repeat(32))
                .setContentVariables("{\"1\":\"Ada\"}").create(client);
        assertThat(template.getSid()).matches(SID);

        String unicode = "Grüße 👋 ".repeat(10);
        assertThat(Message.creator(new PhoneNumber("+15551110003"), new PhoneNumber(FROM), unicode)
                .create(client).getNumSegments()).isEqualTo("2");
    }

    @Test
    void aScheduledMessageIsScheduledAndNotReported() {
        HttpResponse<String> response = RawHttp.post(twilio.baseUrl(), RawHttp.messages(twilio.accountSid()),
                form("To", "+15551110004", "MessagingServiceSid", "MG" + "1".repeat(32), "Body", "Later", "SendAt",
                        "2030-01-01T10:00:00Z", "ScheduleType", "fixed", "StatusCallback", "http://127.0.0.1:9/status"),
                authorization());

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(json(response).get("status").asText()).isEqualTo("scheduled");
    }

    @Test
    void theSdkFetchesAMessageAndGets20404ForAnUnknownOne() {
        var created = Message.creator(new PhoneNumber("+15551110005"), new PhoneNumber(FROM),
                "Fetch me").create(client);

        var fetched = Message.fetcher(created.getSid()).fetch(client);

        assertThat(fetched).isEqualTo(created);
        String unknown = Sids.message();
        assertThatThrownBy(() -> Message.fetcher(unknown).fetch(client))
                .asInstanceOf(type(ApiException.class))
                .satisfies(e -> {
                    assertThat(e.getStatusCode()).isEqualTo(404);
                    assertThat(e.getCode()).isEqualTo(20404);
                    assertThat(e.getMessage()).isEqualTo("The requested resource /2010-04-01/Accounts/" + twilio.accountSid()
                            + "/Messages/" + unknown + ".json was not found");
                });
    }

    @Test
    void theJsonHasTwiliosFieldsAndDates() {
        HttpResponse<String> response = RawHttp.post(twilio.baseUrl(), RawHttp.messages(twilio.accountSid()),
                form("To", "+15551110006", "From", FROM, "Body", "Shape \"quoted\"\n\\ tab\t"), authorization());

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("application/json");
        JsonNode json = json(response);
        assertThat(json.get("sid").asText()).matches(SID);
        assertThat(json.get("body").asText()).isEqualTo("Shape \"quoted\"\n\\ tab\t");
        assertThat(json.get("account_sid").asText()).isEqualTo(twilio.accountSid());
        assertThat(json.get("status").asText()).isEqualTo("queued");
        assertThat(json.get("direction").asText()).isEqualTo("outbound-api");
        assertThat(json.get("api_version").asText()).isEqualTo("2010-04-01");
        assertThat(json.get("num_segments").asText()).isEqualTo("1");
        assertThat(json.get("num_media").asText()).isEqualTo("0");
        assertThat(json.get("price_unit").asText()).isEqualTo("USD");
        assertThat(json.get("date_created").asText()).matches(RFC_2822);
        assertThat(json.get("date_updated").asText()).matches(RFC_2822);
        assertThat(DateConverter.rfc2822DateTimeFromString(json.get("date_created").asText())).isNotNull();
        for (String nullField : List.of("date_sent", "price", "error_code", "error_message", "messaging_service_sid")) {
            assertThat(json.has(nullField)).as(nullField).isTrue();
            assertThat(json.get(nullField).isNull()).as(nullField).isTrue();
        }
        assertThat(json.get("uri").asText()).isEqualTo("/2010-04-01/Accounts/" + twilio.accountSid() + "/Messages/"
                + json.get("sid").asText() + ".json");
        assertThat(json.get("subresource_uris").get("media").asText()).endsWith("/Media.json");
    }

    static Stream<Arguments> refusedMessages() {
        return Stream.of(
                Arguments.of(form("From", FROM, "Body", "Hi"), 21604, "A 'To' phone number is required."),
                Arguments.of(form("To", "+15551110008", "Body", "Hi"), 21603, "A 'From' phone number is required."),
                Arguments.of(form("To", "+15551110008", "From", FROM), 21602, "Message body is required."),
                Arguments.of(form("To", "+15551110008", "From", FROM, "Body", "   "), 21602, "Message body is required."),
                Arguments.of(form("To", "5551110008", "From", FROM, "Body", "Hi"), 21211,
                        "The 'To' number 5551110008 is not a valid phone number."),
                Arguments.of(form("To", "+1555abc", "From", FROM, "Body", "Hi"), 21211, "The 'To' number +1555abc is not a valid phone number."),
                Arguments.of(form("To", "+05551110008", "From", FROM, "Body", "Hi"), 21211,
                        "The 'To' number +05551110008 is not a valid phone number."),
                Arguments.of(form("To", "+15551110008", "From", "+0123", "Body", "Hi"), 21212,
                        "The 'From' number +0123 is not a valid phone number, shortcode, or alphanumeric sender ID."),
                Arguments.of(form("To", "+15551110008", "From", FROM, "Body", "x".repeat(1601)), 21617,
                        "The concatenated message body exceeds the 1600 character limit."),
                Arguments.of(form("To", "+15551110008", "From", FROM, "Body", "Hi", "StatusCallback", "not a url"), 21609,
                        "The StatusCallback URL not a url is not a valid URL."));
    }

    @ParameterizedTest
    @MethodSource("refusedMessages")
    void aBadMessageIsRefusedWithTwiliosCode(String form, int code, String message) throws Exception {
        HttpResponse<String> response = RawHttp.post(twilio.baseUrl(), RawHttp.messages(twilio.accountSid()), form,
                authorization());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response)).isEqualTo(RawHttp.JSON.readTree("{\"code\":" + code + ",\"message\":"
                + RawHttp.JSON.writeValueAsString(message) + ",\"more_info\":\"https://www.twilio.com/docs/errors/" + code
                + "\",\"status\":400}"));
        assertThat(twilio.messages().size()).isZero();
        assertThat(twilio.requests()).singleElement().extracting(RecordedRequest::status).isEqualTo(400);
    }

    @Test
    void theLongestBodyAndSendersOtherThanNumbersAreAccepted() {
        for (String form : List.of(form("To", "+15551110009", "From", FROM, "Body", "x".repeat(1600)),
                form("To", "+15551110009", "From", "ACME Corp", "Body", "From a name"),
                form("To", "+15551110009", "From", "12345", "Body", "From a short code"),
                form("To", "+15551110009", "From", FROM, "MediaUrl", "https://example.com/a.png", "MediaUrl", "https://example.com/b.png"))) {
            HttpResponse<String> response = RawHttp.post(twilio.baseUrl(), RawHttp.messages(twilio.accountSid()), form,
                    authorization());
            assertThat(response.statusCode()).as(form).isEqualTo(201);
        }
        assertThat(twilio.messages().all()).last().extracting(message -> message.mediaUrls().size()).isEqualTo(2);
    }

    @Test
    void theSdkSeesTwiliosErrorCodes() {
        assertThatThrownBy(() -> Message.creator(new PhoneNumber("12345"), new PhoneNumber(FROM), "Hi")
                .create(client))
                .asInstanceOf(type(ApiException.class))
                .satisfies(e -> {
                    assertThat(e.getStatusCode()).isEqualTo(400);
                    assertThat(e.getCode()).isEqualTo(21211);
                    assertThat(e.getMessage()).isEqualTo("The 'To' number 12345 is not a valid phone number.");
                    assertThat(e.getMoreInfo()).isEqualTo("https://www.twilio.com/docs/errors/21211");
                });
    }

    @Test
    void methodsAndPathsTwilioDoesNotHaveAreRefusedInItsJson() {
        String authorization = authorization();

        HttpResponse<String> unknownPath = RawHttp.get(twilio.baseUrl(), "/2010-04-01/Accounts/" + twilio.accountSid() + "/Calls.json",
                authorization);
        HttpResponse<String> fetchByPost = RawHttp.post(twilio.baseUrl(),
                "/2010-04-01/Accounts/" + twilio.accountSid() + "/Messages/" + Sids.message() + ".json", "Body=x", authorization);

        assertThat(unknownPath.statusCode()).isEqualTo(404);
        assertThat(json(unknownPath).get("code").asInt()).isEqualTo(20404);
        assertThat(json(unknownPath).get("message").asText()).contains("/Calls.json");
        assertThat(fetchByPost.statusCode()).isEqualTo(405);
        assertThat(json(fetchByPost).get("code").asInt()).isEqualTo(20004);
    }

    @Test
    void aBaseUrlWithAPathPrefixWorksAndTheCallersPrefixIsRecorded() {
        TwilioRestClient nodeA = SdkClients.of(twilio.baseUrl("node-a"), twilio.accountSid(), twilio.authToken(), twilio.accountSid());
        TwilioRestClient nodeB = SdkClients.of(twilio.baseUrl("/node-b/"), twilio.accountSid(), twilio.authToken(), twilio.accountSid());

        var sent = Message.creator(new PhoneNumber("+15551110010"), new PhoneNumber(FROM), "A")
                .create(nodeA);
        Message.fetcher(sent.getSid()).fetch(nodeB);

        assertThat(twilio.requests()).extracting(RecordedRequest::prefix).containsExactly("/node-a", "/node-b");
        assertThat(twilio.requests()).extracting(RecordedRequest::status).containsExactly(201, 200);
        assertThat(twilio.baseUrl("node-a")).hasToString(twilio.baseUrl() + "/node-a");
    }
}

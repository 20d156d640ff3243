package dev.twilioconnector.sample.sandbox;

import com.twilio.converter.DateConverter;
import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.type.PhoneNumber;
import dev.twilioconnector.core.TwilioConnector;
import dev.twilioconnector.core.http.TwilioClients;
import dev.twilioconnector.core.http.TwilioTransport;
import dev.twilioconnector.core.settings.Credentials;
import dev.twilioconnector.core.settings.TwilioSettings;
import dev.twilioconnector.core.sms.SendOutcome;
import dev.twilioconnector.core.sms.SendSms;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

/** The sandbox's Messages API, driven by the real Twilio SDK over the connector's own HTTP transport, and by plain HTTP. */
class SandboxApiTest extends SandboxApplicationTest {

    private static final String SID = "^SM[0-9a-f]{32}$";
    private static final String RFC_2822 = "^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} \\+0000$";
    private static final String MESSAGES = "/sandbox/2010-04-01/Accounts/" + SandboxMode.ACCOUNT_SID + "/Messages.json";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Autowired
    private TwilioSettings settings;
    @Autowired
    private SandboxMessages messages;
    @Autowired
    private TwilioConnector connector;
    @Autowired
    private Environment environment;

    private TwilioClients clients;
    private TwilioRestClient client;

    @BeforeEach
    void connect() {
        clients = new TwilioClients(TwilioTransport.create(settings));
        client = clients.forCredentials(settings.credentials().orElseThrow());
    }

    @AfterEach
    void disconnect() {
        clients.close();
    }

    @Test
    void sandboxModeIsOnWithoutCredentialsAndPointsTheConnectorAtThisApplication() {
        assertThat(environment.getProperty(SandboxMode.ENABLED)).isEqualTo("true");
        assertThat(settings.accountSid()).isEqualTo(SandboxMode.ACCOUNT_SID);
        assertThat(settings.authToken()).matches("^[0-9a-f]{32}$");
        assertThat(settings.apiBaseUrl()).hasToString("http://127.0.0.1:" + PORT + "/sandbox");
        assertThat(settings.defaultFrom()).isEqualTo(SandboxMode.DEFAULT_FROM);
        assertThat(connector.settings().apiBaseUrl()).isEqualTo(settings.apiBaseUrl());
    }

    @Test
    void theSdkCreatesAMessageAndReadsTwiliosAnswer() {
        Message message = Message.creator(new PhoneNumber("+15551110001"), new PhoneNumber("+15005550006"), "Hello from the SDK")
                .create(client);

        assertThat(message.getSid()).matches(SID);
        assertThat(message.getAccountSid()).isEqualTo(SandboxMode.ACCOUNT_SID);
        assertThat(message.getTo()).isEqualTo("+15551110001");
        assertThat(message.getFrom()).hasToString("+15005550006");
        assertThat(message.getBody()).isEqualTo("Hello from the SDK");
        assertThat(message.getStatus()).isEqualTo(Message.Status.QUEUED);
        assertThat(message.getDirection()).isEqualTo(Message.Direction.OUTBOUND_API);
        assertThat(message.getApiVersion()).isEqualTo("2010-04-01");
        assertThat(message.getNumSegments()).isEqualTo("1");
        assertThat(message.getNumMedia()).isEqualTo("0");
        assertThat(message.getMessagingServiceSid()).isNull();
        assertThat(message.getDateCreated()).isNotNull().isEqualTo(message.getDateUpdated());
        assertThat(message.getDateSent()).isNull();
        assertThat(message.getPrice()).isNull();
        assertThat(message.getErrorCode()).isNull();
        assertThat(message.getErrorMessage()).isNull();
        assertThat(message.getUri()).isEqualTo("/2010-04-01/Accounts/" + SandboxMode.ACCOUNT_SID + "/Messages/" + message.getSid() + ".json");
        assertThat(message.getSubresourceUris()).containsEntry("media",
                "/2010-04-01/Accounts/" + SandboxMode.ACCOUNT_SID + "/Messages/" + message.getSid() + "/Media.json");

        assertThat(messages.find(message.getSid())).get().satisfies(stored -> {
            assertThat(stored.direction()).isEqualTo(SandboxMessage.OUTBOUND);
            assertThat(stored.from()).isEqualTo("+15005550006");
            assertThat(stored.to()).isEqualTo("+15551110001");
            assertThat(stored.body()).isEqualTo("Hello from the SDK");
            assertThat(stored.status()).isEqualTo("queued");
            assertThat(stored.reply()).isNull();
        });
        assertThat(messages.outbound()).extracting(SandboxMessage::sid).contains(message.getSid());
    }

    @Test
    void mediaMessagingServicesAndWhatsappAreAccepted() {
        Message mms = Message.creator(new PhoneNumber("+15551110002"), new PhoneNumber("+15005550006"),
                List.of(URI.create("https://example.com/cat.jpg"))).create(client);
        assertThat(mms.getNumMedia()).isEqualTo("1");
        assertThat(mms.getBody()).isEmpty();
        assertThat(messages.find(mms.getSid())).get().extracting(SandboxMessage::mediaUrls)
                .isEqualTo(List.of("https://example.com/cat.jpg"));

        String service = "MG" + "0123456789abcdef".repeat(2);
        Message viaService = Message.creator(new PhoneNumber("+15551110002"), service, "Through a service").create(client);
        assertThat(viaService.getMessagingServiceSid()).isEqualTo(service);
        assertThat(viaService.getFrom()).hasToString(SandboxMode.DEFAULT_FROM);
        assertThat(Message.fetcher(viaService.getSid()).fetch(client).getMessagingServiceSid()).isEqualTo(service);

        Message whatsapp = Message.creator(new PhoneNumber("whatsapp:+15551110002"), new PhoneNumber("whatsapp:+15005550006"), "Hi")
                .create(client);
        assertThat(whatsapp.getTo()).isEqualTo("whatsapp:+15551110002");

        String unicode = "Grüße 👋 ".repeat(10);
        assertThat(Message.creator(new PhoneNumber("+15551110002"), new PhoneNumber("+15005550006"), unicode).create(client)
                .getNumSegments()).isEqualTo("2");
    }

    @Test
    void theConnectorSendsThroughTheSandboxOverHttp() {
        SendOutcome outcome = connector.send(new SendSms(null, null, List.of("+15551110020", "+15551110021"), "Hi ${name}",
                Map.of("name", "Ada")));

        assertThat(outcome.problems()).isEmpty();
        assertThat(outcome.accepted()).hasSize(2).allSatisfy(accepted -> {
            assertThat(accepted.sid()).matches(SID);
            assertThat(accepted.status()).isEqualTo("queued");
            assertThat(messages.find(accepted.sid())).get().satisfies(stored -> {
                assertThat(stored.to()).isEqualTo(accepted.to());
                assertThat(stored.from()).isEqualTo(SandboxMode.DEFAULT_FROM);
                assertThat(stored.body()).isEqualTo("Hi Ada");
            });
        });
    }

    @Test
    void theSdkFetchesAMessageAndGets20404ForAnUnknownOne() {
        Message created = Message.creator(new PhoneNumber("+15551110003"), new PhoneNumber("+15005550006"), "Fetch me").create(client);

        Message fetched = Message.fetcher(created.getSid()).fetch(client);

        assertThat(fetched).isEqualTo(created);
        String unknown = SandboxMessages.newSid();
        assertThatThrownBy(() -> Message.fetcher(unknown).fetch(client))
                .asInstanceOf(type(ApiException.class))
                .satisfies(e -> {
                    assertThat(e.getStatusCode()).isEqualTo(404);
                    assertThat(e.getCode()).isEqualTo(20404);
                    assertThat(e.getMessage()).contains("/Messages/" + unknown + ".json");
                });
    }

    @Test
    void theSdkPagesThroughTheListAndSeesEveryMessageOnce() {
        String to = "+15551110004";
        List<String> sent = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            sent.add(0, Message.creator(new PhoneNumber(to), new PhoneNumber("+15005550006"), "Page test " + i).create(client).getSid());
        }
        Message.creator(new PhoneNumber("+15551110005"), new PhoneNumber("+15005550006"), "Another recipient").create(client);

        List<String> read = StreamSupport.stream(Message.reader().setTo(to).setPageSize(2L).read(client).spliterator(), false)
                .map(Message::getSid)
                .toList();

        assertThat(read).containsExactlyElementsOf(sent);
        List<Message> lastHour = StreamSupport.stream(Message.reader().setTo(to).setPageSize(2L)
                .setDateSentAfter(ZonedDateTime.now().minusHours(1)).read(client).spliterator(), false).toList();
        assertThat(lastHour).extracting(Message::getSid).containsExactlyElementsOf(sent);
        assertThat(Message.reader().setTo(to).setDateSentBefore(ZonedDateTime.now().minusDays(2)).read(client)).isEmpty();
    }

    @Test
    void pagesAreTwiliosAndStayExactWhileNewMessagesArrive() throws Exception {
        String to = "+15551110006";
        List<String> sent = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            sent.add(0, Message.creator(new PhoneNumber(to), new PhoneNumber("+15005550006"), "Raw page " + i).create(client).getSid());
        }
        String filter = "To=" + URLEncoder.encode(to, StandardCharsets.UTF_8);

        JsonNode first = JSON.readTree(get(MESSAGES + "?" + filter + "&PageSize=2", settings.authToken()).body());
        assertThat(first.get("page").asInt()).isZero();
        assertThat(first.get("page_size").asInt()).isEqualTo(2);
        assertThat(first.get("start").asInt()).isZero();
        assertThat(first.get("end").asInt()).isEqualTo(1);
        assertThat(first.get("previous_page_uri").isNull()).isTrue();
        assertThat(first.get("first_page_uri").asString())
                .isEqualTo("/2010-04-01/Accounts/" + SandboxMode.ACCOUNT_SID + "/Messages.json?To=%2B15551110006&PageSize=2&Page=0");
        assertThat(first.get("uri").asString()).isEqualTo(first.get("first_page_uri").asString());
        assertThat(first.get("next_page_uri").asString())
                .isEqualTo("/2010-04-01/Accounts/" + SandboxMode.ACCOUNT_SID + "/Messages.json?To=%2B15551110006&PageSize=2&Page=1&PageToken=PA"
                        + sent.get(1));
        assertThat(sids(first)).containsExactly(sent.get(0), sent.get(1));

        // A message arriving between two pages must neither repeat one nor push one out of sight.
        String newer = Message.creator(new PhoneNumber(to), new PhoneNumber("+15005550006"), "Late").create(client).getSid();

        JsonNode second = JSON.readTree(get("/sandbox" + first.get("next_page_uri").asString(), settings.authToken()).body());
        assertThat(sids(second)).containsExactly(sent.get(2), sent.get(3));
        assertThat(second.get("page").asInt()).isEqualTo(1);
        assertThat(second.get("start").asInt()).isEqualTo(2);
        assertThat(second.get("previous_page_uri").asString()).endsWith("Page=0&PageToken=PB" + sent.get(2));

        JsonNode third = JSON.readTree(get("/sandbox" + second.get("next_page_uri").asString(), settings.authToken()).body());
        assertThat(sids(third)).containsExactly(sent.get(4));
        assertThat(third.get("next_page_uri").isNull()).isTrue();
        assertThat(third.get("end").asInt()).isEqualTo(4);

        JsonNode back = JSON.readTree(get("/sandbox" + third.get("previous_page_uri").asString(), settings.authToken()).body());
        assertThat(sids(back)).containsExactly(sent.get(2), sent.get(3));

        JsonNode fresh = JSON.readTree(get(MESSAGES + "?" + filter + "&PageSize=1000", settings.authToken()).body());
        assertThat(sids(fresh)).first().isEqualTo(newer);
        assertThat(sids(fresh)).hasSize(6);
        JsonNode capped = JSON.readTree(get(MESSAGES + "?" + filter + "&PageSize=5000", settings.authToken()).body());
        assertThat(capped.get("page_size").asInt()).isEqualTo(1000);
        JsonNode defaulted = JSON.readTree(get(MESSAGES + "?" + filter, settings.authToken()).body());
        assertThat(defaulted.get("page_size").asInt()).isEqualTo(50);
    }

    @Test
    void theJsonHasTwiliosFieldsAndDates() throws Exception {
        HttpResponse<String> response = post(MESSAGES, form("To", "+15551110007", "From", "+15005550006", "Body", "Shape"),
                settings.authToken());

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("application/json");
        JsonNode json = JSON.readTree(response.body());
        assertThat(json.get("sid").asString()).matches(SID);
        assertThat(json.get("account_sid").asString()).isEqualTo(SandboxMode.ACCOUNT_SID);
        assertThat(json.get("status").asString()).isEqualTo("queued");
        assertThat(json.get("direction").asString()).isEqualTo("outbound-api");
        assertThat(json.get("api_version").asString()).isEqualTo("2010-04-01");
        assertThat(json.get("num_segments").asString()).isEqualTo("1");
        assertThat(json.get("num_media").asString()).isEqualTo("0");
        assertThat(json.get("date_created").asString()).matches(RFC_2822);
        assertThat(json.get("date_updated").asString()).matches(RFC_2822);
        assertThat(DateConverter.rfc2822DateTimeFromString(json.get("date_created").asString())).isNotNull();
        for (String nullField : List.of("date_sent", "price", "error_code", "error_message", "messaging_service_sid")) {
            assertThat(json.has(nullField)).as(nullField).isTrue();
            assertThat(json.get(nullField).isNull()).as(nullField).isTrue();
        }
        assertThat(json.get("uri").asString()).isEqualTo("/2010-04-01/Accounts/" + SandboxMode.ACCOUNT_SID + "/Messages/"
                + json.get("sid").asString() + ".json");
        assertThat(json.get("subresource_uris").get("media").asString()).endsWith("/Media.json");
    }

    static Stream<Arguments> refusedMessages() {
        return Stream.of(
                Arguments.of(form("From", "+15005550006", "Body", "Hi"), 21604, "A 'To' phone number is required."),
                Arguments.of(form("To", "+15551110008", "Body", "Hi"), 21603, "A 'From' phone number is required."),
                Arguments.of(form("To", "+15551110008", "From", "+15005550006"), 21602, "Message body is required."),
                Arguments.of(form("To", "+15551110008", "From", "+15005550006", "Body", "   "), 21602, "Message body is required."),
                Arguments.of(form("To", "5551110008", "From", "+15005550006", "Body", "Hi"), 21211,
                        "The 'To' number 5551110008 is not a valid phone number."),
                Arguments.of(form("To", "+1555abc", "From", "+15005550006", "Body", "Hi"), 21211,
                        "The 'To' number +1555abc is not a valid phone number."),
                Arguments.of(form("To", "+05551110008", "From", "+15005550006", "Body", "Hi"), 21211,
                        "The 'To' number +05551110008 is not a valid phone number."),
                Arguments.of(form("To", "+15551110008", "From", "+0123", "Body", "Hi"), 21212,
                        "The 'From' number +0123 is not a valid phone number, shortcode, or alphanumeric sender ID."),
                Arguments.of(form("To", "+15551110008", "From", "+15005550006", "Body", "x".repeat(1601)), 21617,
                        "The concatenated message body exceeds the 1600 character limit."));
    }

    @ParameterizedTest
    @MethodSource("refusedMessages")
    void aBadMessageIsRefusedWithTwiliosCode(String form, int code, String message) throws Exception {
        int before = messages.size();

        HttpResponse<String> response = post(MESSAGES, form, settings.authToken());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body())).isEqualTo(JSON.readTree(
                "{\"code\":" + code + ",\"message\":" + JSON.writeValueAsString(message)
                        + ",\"more_info\":\"https://www.twilio.com/docs/errors/" + code + "\",\"status\":400}"));
        assertThat(messages.size()).isEqualTo(before);
    }

    @Test
    void theLongestBodyAndAMediaOnlyMessageAreAccepted() throws Exception {
        assertThat(post(MESSAGES, form("To", "+15551110009", "From", "+15005550006", "Body", "x".repeat(1600)),
                settings.authToken()).statusCode()).isEqualTo(201);
        assertThat(post(MESSAGES, form("To", "+15551110009", "From", "+15005550006", "MediaUrl", "https://example.com/a.png",
                "MediaUrl", "https://example.com/b.png", "StatusCallback", "https://example.com/status"), settings.authToken()))
                .satisfies(response -> {
                    assertThat(response.statusCode()).isEqualTo(201);
                    assertThat(JSON.readTree(response.body()).get("num_media").asString()).isEqualTo("2");
                });
    }

    @Test
    void theSdkSeesTwiliosErrorCodes() {
        assertThatThrownBy(() -> Message.creator(new PhoneNumber("12345"), new PhoneNumber("+15005550006"), "Hi").create(client))
                .asInstanceOf(type(ApiException.class))
                .satisfies(e -> {
                    assertThat(e.getStatusCode()).isEqualTo(400);
                    assertThat(e.getCode()).isEqualTo(21211);
                    assertThat(e.getMessage()).isEqualTo("The 'To' number 12345 is not a valid phone number.");
                });
        TwilioRestClient wrongToken = clients.forCredentials(Credentials.ofToken(SandboxMode.ACCOUNT_SID, "0".repeat(32)));
        assertThatThrownBy(() -> Message.creator(new PhoneNumber("+15551110010"), new PhoneNumber("+15005550006"), "Hi").create(wrongToken))
                .asInstanceOf(type(ApiException.class))
                .satisfies(e -> {
                    assertThat(e.getStatusCode()).isEqualTo(401);
                    assertThat(e.getCode()).isEqualTo(20003);
                });
    }

    @Test
    void everyRequestNeedsTheSandboxCredentials() throws Exception {
        String body = form("To", "+15551110011", "From", "+15005550006", "Body", "Hi");
        String authenticate = "{\"code\":20003,\"message\":\"Authenticate\",\"more_info\":\"https://www.twilio.com/docs/errors/20003\",\"status\":401}";
        int before = messages.size();

        for (HttpResponse<String> response : List.of(
                post(MESSAGES, body, null),
                post(MESSAGES, body, "0".repeat(32)),
                post(MESSAGES, body, settings.authToken() + "x"),
                get(MESSAGES, null),
                get(MESSAGES.replace(".json", "/" + SandboxMessages.newSid() + ".json"), "wrong"))) {
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(JSON.readTree(response.body())).isEqualTo(JSON.readTree(authenticate));
            assertThat(response.headers().firstValue("WWW-Authenticate")).get().asString().startsWith("Basic");
        }
        HttpRequest otherUser = HttpRequest.newBuilder(URI.create(local(MESSAGES)))
                .header("Authorization", basic("ACbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", settings.authToken()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        assertThat(HTTP.send(otherUser, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
        assertThat(messages.size()).isEqualTo(before);
    }

    @Test
    void anotherAccountsPathIsNotFound() throws Exception {
        String other = "ACbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
        String path = MESSAGES.replace(SandboxMode.ACCOUNT_SID, other);

        HttpResponse<String> created = post(path, form("To", "+15551110012", "From", "+15005550006", "Body", "Hi"), settings.authToken());
        HttpResponse<String> fetched = get(path.replace(".json", "/" + SandboxMessages.newSid() + ".json"), settings.authToken());
        HttpResponse<String> listed = get(path, settings.authToken());

        for (HttpResponse<String> response : List.of(created, fetched, listed)) {
            assertThat(response.statusCode()).isEqualTo(404);
            JsonNode json = JSON.readTree(response.body());
            assertThat(json.get("code").asInt()).isEqualTo(20404);
            assertThat(json.get("status").asInt()).isEqualTo(404);
            assertThat(json.get("more_info").asString()).isEqualTo("https://www.twilio.com/docs/errors/20404");
            assertThat(json.get("message").asString()).contains("/2010-04-01/Accounts/" + other + "/Messages");
        }
    }

    @Test
    void anUnknownMessageIsNotFound() throws Exception {
        String sid = SandboxMessages.newSid();

        HttpResponse<String> response = get(MESSAGES.replace(".json", "/" + sid + ".json"), settings.authToken());

        assertThat(response.statusCode()).isEqualTo(404);
        JsonNode json = JSON.readTree(response.body());
        assertThat(json.get("code").asInt()).isEqualTo(20404);
        assertThat(json.get("message").asString())
                .isEqualTo("The requested resource /2010-04-01/Accounts/" + SandboxMode.ACCOUNT_SID + "/Messages/" + sid + ".json was not found");
    }

    private static List<String> sids(JsonNode page) {
        List<String> sids = new ArrayList<>();
        page.get("messages").forEach(message -> sids.add(message.get("sid").asString()));
        return sids;
    }

    /** A form body from name/value pairs; a name may repeat. */
    static String form(String... pairs) {
        List<String> encoded = new ArrayList<>();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            encoded.add(URLEncoder.encode(pairs[i], StandardCharsets.UTF_8) + "=" + URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return String.join("&", encoded);
    }

    private static HttpResponse<String> post(String path, String form, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(local(path)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (token != null) {
            request.header("Authorization", basic(SandboxMode.ACCOUNT_SID, token));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String pathAndQuery, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(local(pathAndQuery))).GET();
        if (token != null) {
            request.header("Authorization", basic(SandboxMode.ACCOUNT_SID, token));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}

package dev.twilioconnector.sample.sandbox;

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
import dev.twilioconnector.emulator.TwilioEmulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
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
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

/**
 * The Twilio emulator as the application serves it under {@code /sandbox}, driven by the real Twilio SDK over the
 * connector's own HTTP transport, and by plain HTTP: what passes through {@link SandboxApi} (method, path, query, form,
 * headers; status, headers, Twilio's JSON). What the emulator answers is its own tests' subject
 * ({@code twilio-emulator/src/test}).
 */
class SandboxApiTest extends SandboxApplicationTest {

    private static final String SID = "^SM[0-9a-f]{32}$";
    private static final String MESSAGES = "/sandbox/2010-04-01/Accounts/" + SandboxMode.ACCOUNT_SID + "/Messages.json";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Autowired
    private TwilioSettings settings;
    @Autowired
    private TwilioEmulator sandbox;
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
        assertThat(message.getStatus()).isEqualTo(Message.Status.QUEUED);
        assertThat(message.getUri()).as("Twilio's paths, without the sandbox's prefix")
                .isEqualTo("/2010-04-01/Accounts/" + SandboxMode.ACCOUNT_SID + "/Messages/" + message.getSid() + ".json");
        assertThat(sandbox.messages().find(message.getSid())).get().satisfies(stored -> {
            assertThat(stored.direction()).isEqualTo(dev.twilioconnector.emulator.Message.OUTBOUND_API);
            assertThat(stored.from()).isEqualTo("+15005550006");
            assertThat(stored.to()).isEqualTo("+15551110001");
            assertThat(stored.body()).isEqualTo("Hello from the SDK");
        });
        assertThat(sandbox.requests()).last().satisfies(request -> assertThat(request.prefix()).isEqualTo(SandboxMode.BASE_PATH));
    }

    @Test
    void aRepeatedFormKeyReachesTheSandboxIntact() {
        Message mms = Message.creator(new PhoneNumber("+15551110002"), new PhoneNumber("+15005550006"),
                List.of(URI.create("https://example.com/cat.jpg"), URI.create("https://example.com/dog.jpg"))).create(client);

        assertThat(mms.getNumMedia()).isEqualTo("2");
        assertThat(sandbox.messages().find(mms.getSid())).get().extracting(dev.twilioconnector.emulator.Message::mediaUrls)
                .isEqualTo(List.of("https://example.com/cat.jpg", "https://example.com/dog.jpg"));
    }

    @Test
    void theConnectorSendsThroughTheSandboxOverHttp() {
        SendOutcome outcome = connector.send(new SendSms(null, null, List.of("+15551110020", "+15551110021"), "Hi ${name}",
                Map.of("name", "Ada")));

        assertThat(outcome.problems()).isEmpty();
        assertThat(outcome.accepted()).hasSize(2).allSatisfy(accepted -> {
            assertThat(accepted.sid()).matches(SID);
            assertThat(accepted.status()).isEqualTo("queued");
            assertThat(sandbox.messages().find(accepted.sid())).get().satisfies(stored -> {
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
        String unknown = "SM" + "0".repeat(32);
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
        int before = sandbox.messages().size();

        for (HttpResponse<String> response : List.of(
                post(MESSAGES, body, null),
                post(MESSAGES, body, "0".repeat(32)),
                post(MESSAGES, body, settings.authToken() + "x"),
                get(MESSAGES, null),
                get(MESSAGES.replace(".json", "/SM" + "0".repeat(32) + ".json"), "wrong"))) {
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(JSON.readTree(response.body())).isEqualTo(JSON.readTree(authenticate));
            assertThat(response.headers().firstValue("WWW-Authenticate")).get().asString().startsWith("Basic");
        }
        HttpRequest otherUser = HttpRequest.newBuilder(URI.create(local(MESSAGES)))
                .header("Authorization", basic("ACbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", settings.authToken()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        assertThat(HTTP.send(otherUser, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
        assertThat(sandbox.messages().size()).isEqualTo(before);
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

package dev.twilioconnector.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.type.PhoneNumber;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static dev.twilioconnector.emulator.RawHttp.basic;
import static dev.twilioconnector.emulator.RawHttp.form;
import static dev.twilioconnector.emulator.RawHttp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

/** Per-account credentials: auth token or API key, each account seeing only its own messages. */
class AuthenticationTest {

    private static final String KEY = "SK" + "a".repeat(32);
    private static final String SECRET = "key-secret-1";
    private final Account ada = Account.of("AC" + "1".repeat(32), "token-ada").withApiKey(KEY, SECRET);
    private final Account bob = Account.of("AC" + "2".repeat(32), "token-bob").withNumber("+15005550007");
    private final TwilioEmulator twilio = TwilioEmulator.builder().account(ada).account(bob).start();

    @AfterEach
    void stop() {
        twilio.close();
    }

    @Test
    void everyRequestNeedsAnAccountsCredentialsOrElse401With20003() throws Exception {
        String body = form("To", "+15551110011", "From", Account.DEFAULT_NUMBER, "Body", "Hi");
        String path = RawHttp.messages(ada.sid());
        JsonNode authenticate = RawHttp.JSON.readTree(
                "{\"code\":20003,\"message\":\"Authenticate\",\"more_info\":\"https://www.twilio.com/docs/errors/20003\",\"status\":401}");

        for (HttpResponse<String> response : List.of(
                RawHttp.post(twilio.baseUrl(), path, body, null),
                RawHttp.post(twilio.baseUrl(), path, body, basic(ada.sid(), "wrong")),
                RawHttp.post(twilio.baseUrl(), path, body, basic(ada.sid(), ada.authToken() + "x")),
                RawHttp.post(twilio.baseUrl(), path, body, basic(ada.sid(), bob.authToken())),
                RawHttp.post(twilio.baseUrl(), path, body, basic(KEY, ada.authToken())),
                RawHttp.post(twilio.baseUrl(), path, body, "Basic not-base64!"),
                RawHttp.post(twilio.baseUrl(), path, body, "Bearer " + ada.authToken()),
                RawHttp.get(twilio.baseUrl(), path, null),
                RawHttp.post(twilio.baseUrl(), "/v2/Services/VA" + "0".repeat(32) + "/Verifications", "To=%2B15551110011&Channel=sms", null))) {
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(json(response)).isEqualTo(authenticate);
            assertThat(response.headers().firstValue("WWW-Authenticate")).get().asString().startsWith("Basic");
        }
        assertThat(twilio.messages().size()).isZero();
    }

    @Test
    void theSdkGets401For20003WithAWrongToken() {
        TwilioRestClient wrong = SdkClients.of(twilio.baseUrl(), ada.sid(), "0".repeat(32), ada.sid());

        assertThatThrownBy(() -> Message.creator(new PhoneNumber("+15551110012"), new PhoneNumber(ada.number()), "Hi").create(wrong))
                .asInstanceOf(type(ApiException.class))
                .satisfies(e -> {
                    assertThat(e.getStatusCode()).isEqualTo(401);
                    assertThat(e.getCode()).isEqualTo(20003);
                });
    }

    @Test
    void anApiKeyAndItsSecretAuthenticateForItsAccount() {
        TwilioRestClient withKey = SdkClients.of(twilio.baseUrl(), KEY, SECRET, ada.sid());

        Message sent = Message.creator(new PhoneNumber("+15551110013"), new PhoneNumber(ada.number()), "With a key").create(withKey);

        assertThat(sent.getAccountSid()).isEqualTo(ada.sid());
        assertThat(twilio.requests()).singleElement().extracting(RecordedRequest::user).isEqualTo(KEY);
        assertThatThrownBy(() -> Message.creator(new PhoneNumber("+15551110013"), new PhoneNumber(bob.number()), "Not Bob's key")
                .create(SdkClients.of(twilio.baseUrl(), KEY, SECRET, bob.sid())))
                .asInstanceOf(type(ApiException.class))
                .extracting(ApiException::getStatusCode).isEqualTo(404);
    }

    @Test
    void accountsSeeOnlyTheirOwnMessagesAndAnotherAccountsPathIsNotFound() {
        TwilioRestClient adas = SdkClients.of(twilio.baseUrl(), ada.sid(), ada.authToken(), ada.sid());
        TwilioRestClient bobs = SdkClients.of(twilio.baseUrl(), bob.sid(), bob.authToken(), bob.sid());
        Message fromAda = Message.creator(new PhoneNumber("+15551110014"), new PhoneNumber(ada.number()), "Ada's").create(adas);
        Message fromBob = Message.creator(new PhoneNumber("+15551110014"), new PhoneNumber(bob.number()), "Bob's").create(bobs);

        assertThat(Message.reader().read(adas)).extracting(Message::getSid).containsExactly(fromAda.getSid());
        assertThat(Message.reader().read(bobs)).extracting(Message::getSid).containsExactly(fromBob.getSid());
        assertThatThrownBy(() -> Message.fetcher(fromAda.getSid()).fetch(bobs))
                .asInstanceOf(type(ApiException.class)).extracting(ApiException::getCode).isEqualTo(20404);
        HttpResponse<String> adasPathWithBobsToken = RawHttp.get(twilio.baseUrl(), RawHttp.messages(ada.sid()),
                basic(bob.sid(), bob.authToken()));
        assertThat(adasPathWithBobsToken.statusCode()).isEqualTo(404);
        assertThat(json(adasPathWithBobsToken).get("message").asText()).contains("/2010-04-01/Accounts/" + ada.sid() + "/Messages.json");
        assertThat(twilio.messages().all()).extracting(dev.twilioconnector.emulator.Message::accountSid).containsExactly(ada.sid(), bob.sid());
    }

    @Test
    void aMessagingServiceSendsFromItsAccountsNumberAndAccountsCanBeAddedLater() {
        Account carol = Account.random().withNumber("+15005550008");
        twilio.addAccount(carol);

        Message sent = Message.creator(new PhoneNumber("+15551110015"), "MG" + "3".repeat(32), "Carol's")
                .create(SdkClients.of(twilio.baseUrl(), carol.sid(), carol.authToken(), carol.sid()));

        assertThat(sent.getFrom()).hasToString("+15005550008");
        assertThat(twilio.accounts()).extracting(Account::sid).containsExactly(ada.sid(), bob.sid(), carol.sid());
        assertThat(twilio.account()).isEqualTo(ada);
        assertThat(twilio.accountSid()).isEqualTo(ada.sid());
        assertThat(twilio.authToken()).isEqualTo(ada.authToken());
    }

    @Test
    void secretsStayOutOfToString() {
        Account random = Account.random();

        assertThat(random.authToken()).matches("^[0-9a-f]{32}$");
        assertThat(random.sid()).matches("^AC[0-9a-f]{32}$");
        assertThat(ada.toString()).contains(ada.sid()).contains(KEY).doesNotContain(ada.authToken()).doesNotContain(SECRET);
        assertThat(twilio.toString()).doesNotContain(ada.authToken()).doesNotContain(SECRET).doesNotContain(bob.authToken());
        assertThat(twilio.webhooks().toString()).doesNotContain(ada.authToken());
        assertThat(new ApiRequest("GET", "/v2/x", Map.of("Authorization", List.of(basic(ada.sid(), ada.authToken()))), "").toString())
                .doesNotContain("Basic").doesNotContain(basic(ada.sid(), ada.authToken()).substring(6));
    }
}

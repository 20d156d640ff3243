package dev.twilioconnector.sample.sandbox;

import com.twilio.security.RequestValidator;
import dev.twilioconnector.core.settings.TwilioSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The sandbox phone texts the application's real webhook, signed like Twilio, and records the reply. */
class SandboxPhoneTest extends SandboxApplicationTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Autowired
    private SandboxPhone phone;
    @Autowired
    private SandboxMessages messages;
    @Autowired
    private TwilioSettings settings;

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void anOrderNumberGetsTheTriggersEcho(CapturedOutput output) {
        InboundResult result = phone.send("+15551230001", "Order Number 4711");

        assertThat(result.httpStatus()).isEqualTo(200);
        assertThat(result.accepted()).isTrue();
        assertThat(result.replyText()).contains("Your reference number is 4711");
        assertThat(result.twiml()).contains("<Response><Message>").contains("Your reference number is 4711");
        assertThat(result.messageSid()).matches("^SM[0-9a-f]{32}$");
        assertThat(messages.find(result.messageSid())).get().satisfies(stored -> {
            assertThat(stored.direction()).isEqualTo(SandboxMessage.INBOUND);
            assertThat(stored.from()).isEqualTo("+15551230001");
            assertThat(stored.to()).isEqualTo(SandboxMode.DEFAULT_FROM);
            assertThat(stored.body()).isEqualTo("Order Number 4711");
            assertThat(stored.status()).isEqualTo("received");
            assertThat(stored.reply()).isEqualTo(result.replyText());
        });
        assertThat(messages.inbound()).extracting(SandboxMessage::sid).contains(result.messageSid());
        assertThat(output).contains("Message " + result.messageSid() + " matched trigger 'orderStatus'; SMS_RECEIVED published");
    }

    @Test
    void yesIsAnOrdinaryMessageForTheConfirmTrigger() {
        assertThat(phone.form("SM1", "+15551230002", "+15005550006", " yes ", List.of())).doesNotContainKey("OptOutType");

        InboundResult result = phone.send("+15551230002", "yes");

        assertThat(result.httpStatus()).isEqualTo(200);
        assertThat(result.replyText()).isEqualTo("Thanks, we noted YES.");
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void stopIsMarkedAsAnOptOutAndGetsAnEmptyAnswerAndPublishesNothing(CapturedOutput output) {
        assertThat(phone.form("SM1", "+15551230003", "+15005550006", "  Stop ", List.of())).containsEntry("OptOutType", "STOP");

        InboundResult result = phone.send("+15551230003", "STOP");

        assertThat(result.httpStatus()).isEqualTo(200);
        assertThat(result.twiml()).isEqualTo(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>");
        assertThat(result.replyText()).isNull();
        assertThat(messages.find(result.messageSid())).get().extracting(SandboxMessage::reply).isNull();
        assertThat(output).contains("Message " + result.messageSid() + " is an opt-out (STOP): not matched, not published")
                .doesNotContain("Message " + result.messageSid() + " matched");
    }

    @ParameterizedTest
    @ValueSource(strings = {"START", "help", " Help "})
    void startAndHelpAreMarkedAndAnsweredByTwilioNotTheApplication(String keyword) {
        assertThat(phone.form("SM1", "+15551230004", "+15005550006", keyword, List.of()))
                .containsEntry("OptOutType", keyword.trim().toUpperCase());

        InboundResult result = phone.send("+15551230004", keyword);

        assertThat(result.httpStatus()).isEqualTo(200);
        assertThat(result.replyText()).isNull();
    }

    @Test
    void theFormIsTwiliosIncomingMessage() {
        Map<String, String> form = phone.form("SM0123", "+15551230005", "+15005550006", "Hi", List.of("https://example.com/a.png"));

        assertThat(form).containsEntry("MessageSid", "SM0123")
                .containsEntry("SmsMessageSid", "SM0123")
                .containsEntry("AccountSid", SandboxMode.ACCOUNT_SID)
                .containsEntry("From", "+15551230005")
                .containsEntry("To", "+15005550006")
                .containsEntry("Body", "Hi")
                .containsEntry("NumMedia", "1")
                .containsEntry("MediaUrl0", "https://example.com/a.png")
                .containsEntry("MediaContentType0", "image/png")
                .containsEntry("ApiVersion", "2010-04-01")
                .containsEntry("SmsStatus", "received")
                .doesNotContainKey("OptOutType");
        assertThat(phone.number()).isEqualTo(SandboxMode.DEFAULT_FROM);
        assertThat(phone.localWebhookUrl()).isEqualTo(local("/twilio/sms"));
    }

    @Test
    void textAndMediaReachTheWebhookIntact() {
        InboundResult result = phone.send("+15551230006", "Grüße 👋 & ça va? a+b=c", List.of("https://example.com/cat.jpg?size=2"));

        assertThat(result.httpStatus()).isEqualTo(200);
        assertThat(result.replyText()).isNull();
        assertThat(messages.find(result.messageSid())).get().satisfies(stored -> {
            assertThat(stored.body()).isEqualTo("Grüße 👋 & ça va? a+b=c");
            assertThat(stored.mediaUrls()).containsExactly("https://example.com/cat.jpg?size=2");
        });
    }

    @Test
    void theWebhookRefusesUnsignedAndWronglySignedMessagesSoThePhoneMustSign() throws Exception {
        Map<String, String> form = phone.form(SandboxMessages.newSid(), "+15551230007", "+15005550006", "Order Number 4711", List.of());
        String url = local("/twilio/sms");

        HttpResponse<String> unsigned = postWebhook(form, null);
        HttpResponse<String> wronglySigned = postWebhook(form, TwilioSignature.sign("0".repeat(32), url, form));
        HttpResponse<String> signedForAnotherUrl = postWebhook(form, TwilioSignature.sign(settings.authToken(), url + "?x=1", form));
        HttpResponse<String> signed = postWebhook(form, TwilioSignature.sign(settings.authToken(), url, form));

        assertThat(unsigned.statusCode()).isEqualTo(403);
        assertThat(wronglySigned.statusCode()).isEqualTo(403);
        assertThat(signedForAnotherUrl.statusCode()).isEqualTo(403);
        assertThat(signed.statusCode()).isEqualTo(200);
        assertThat(signed.body()).contains("Your reference number is 4711");
    }

    @Test
    void theSignatureIsTheOneTwiliosValidatorExpects() {
        Map<String, String> form = phone.form("SMabc", "+15551230008", "+15005550006", "Grüße, 100% sure?", List.of());
        String url = "https://sms.example.com/twilio/sms?tenant=a";

        String signature = TwilioSignature.sign("12345", url, form);

        assertThat(new RequestValidator("12345").validate(url, form, signature)).isTrue();
        assertThat(new RequestValidator("54321").validate(url, form, signature)).isFalse();
    }

    @Test
    void theReplyTextIsReadFromTwiml() {
        assertThat(SandboxPhone.replyText("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>")).isNull();
        assertThat(SandboxPhone.replyText("<Response><Message>Tom &amp; Jerry &lt;3</Message></Response>")).isEqualTo("Tom & Jerry <3");
        assertThat(SandboxPhone.replyText("<Response><Message><Body>One</Body></Message><Message>Two</Message></Response>"))
                .isEqualTo("One\nTwo");
        assertThat(SandboxPhone.replyText("Invalid or missing X-Twilio-Signature")).isNull();
    }

    private static HttpResponse<String> postWebhook(Map<String, String> form, String signature) throws Exception {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(local("/twilio/sms")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (signature != null) {
            request.header("X-Twilio-Signature", signature);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}

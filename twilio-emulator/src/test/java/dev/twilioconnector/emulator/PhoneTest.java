package dev.twilioconnector.emulator;

import com.twilio.security.RequestValidator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.twilioconnector.emulator.RawHttp.basic;
import static dev.twilioconnector.emulator.RawHttp.form;
import static dev.twilioconnector.emulator.RawHttp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A phone texts the application's webhook, signed as Twilio signs; the reply is read from the TwiML and recorded. */
class PhoneTest {

    private final TwilioEmulator twilio = TwilioEmulator.start();
    private final RecordingWebhook application = new RecordingWebhook();

    @BeforeEach
    void anApplicationThatChecksSignaturesAndEchoes() {
        RequestValidator validator = new RequestValidator(twilio.authToken());
        String url = application.url("/twilio/sms");
        application.answer(request -> {
            if (!validator.validate(url, single(request.form()), request.signature())) {
                return new RecordingWebhook.Answer(403, "text/plain", "Invalid or missing X-Twilio-Signature");
            }
            String body = request.param("Body");
            if (request.param("OptOutType") != null || body.isBlank()) {
                return new RecordingWebhook.Answer(200, "text/xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>");
            }
            return new RecordingWebhook.Answer(200, "text/xml;charset=UTF-8",
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Message>You said: " + escape(body) + "</Message></Response>");
        });
        twilio.incomingWebhook(url);
    }

    @AfterEach
    void stop() {
        twilio.close();
        application.close();
    }

    @Test
    void aTextReachesTheWebhookAsTwiliosIncomingMessageAndTheReplyComesBack() {
        Reply reply = twilio.phone("+15551230001").text("Order Number 4711");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.accepted()).isTrue();
        assertThat(reply.text()).isEqualTo("You said: Order Number 4711");
        assertThat(reply.messages()).containsExactly("You said: Order Number 4711");
        assertThat(reply.body()).contains("<Response><Message>");
        assertThat(reply.messageSid()).matches(MessagesApiTest.SID);
        assertThat(application.received()).singleElement().satisfies(request -> {
            assertThat(request.param("MessageSid")).isEqualTo(reply.messageSid());
            assertThat(request.param("SmsMessageSid")).isEqualTo(reply.messageSid());
            assertThat(request.param("AccountSid")).isEqualTo(twilio.accountSid());
            assertThat(request.param("From")).isEqualTo("+15551230001");
            assertThat(request.param("To")).isEqualTo(twilio.number());
            assertThat(request.param("Body")).isEqualTo("Order Number 4711");
            assertThat(request.param("NumMedia")).isEqualTo("0");
            assertThat(request.param("SmsStatus")).isEqualTo("received");
            assertThat(request.param("ApiVersion")).isEqualTo("2010-04-01");
            assertThat(request.form()).doesNotContainKey("OptOutType");
        });
    }

    @Test
    void theTextAndTheReplyAreRecordedAsTwilioRecordsThem() {
        Reply reply = twilio.phone("+15551230002").text("Hello");

        assertThat(twilio.messages().inbound()).singleElement().satisfies(inbound -> {
            assertThat(inbound.sid()).isEqualTo(reply.messageSid());
            assertThat(inbound.direction()).isEqualTo(Message.INBOUND);
            assertThat(inbound.from()).isEqualTo("+15551230002");
            assertThat(inbound.to()).isEqualTo(twilio.number());
            assertThat(inbound.status()).isEqualTo(Message.RECEIVED);
            assertThat(inbound.reply()).isEqualTo("You said: Hello");
        });
        assertThat(twilio.phone("+15551230002").received()).singleElement().satisfies(answer -> {
            assertThat(answer.direction()).isEqualTo(Message.OUTBOUND_REPLY);
            assertThat(answer.from()).isEqualTo(twilio.number());
            assertThat(answer.body()).isEqualTo("You said: Hello");
        });
        assertThat(twilio.messages().sent()).as("replies are not sent through the API").isEmpty();
    }

    @Test
    void textAndMediaReachTheWebhookIntact() {
        Reply reply = twilio.phone("+15551230006").text("Grüße 👋 & ça va? a+b=c <3", List.of("https://example.com/cat.jpg?size=2",
                "https://example.com/doc.png"));

        assertThat(reply.text()).isEqualTo("You said: Grüße 👋 & ça va? a+b=c <3");
        assertThat(application.received()).singleElement().satisfies(request -> {
            assertThat(request.param("Body")).isEqualTo("Grüße 👋 & ça va? a+b=c <3");
            assertThat(request.param("NumMedia")).isEqualTo("2");
            assertThat(request.param("MediaUrl0")).isEqualTo("https://example.com/cat.jpg?size=2");
            assertThat(request.param("MediaContentType0")).isEqualTo("image/jpeg");
            assertThat(request.param("MediaUrl1")).isEqualTo("https://example.com/doc.png");
            assertThat(request.param("MediaContentType1")).isEqualTo("image/png");
        });
        assertThat(twilio.messages().find(reply.messageSid())).get().extracting(message -> message.mediaUrls().size()).isEqualTo(2);
    }

    @Test
    void yesIsAnOrdinaryMessage() {
        Reply reply = twilio.phone("+15551230003").text(" yes ");

        assertThat(reply.text()).isEqualTo("You said:  yes ");
        assertThat(application.received().get(0).form()).doesNotContainKey("OptOutType");
    }

    @ParameterizedTest
    @ValueSource(strings = {"STOP", " Stop ", "unsubscribe", "START", "help", "INFO"})
    void optOutKeywordsAreMarkedAsTwilioMarksThem(String keyword) {
        Reply reply = twilio.phone("+15551230004").text(keyword);

        String type = application.received().get(0).param("OptOutType");
        assertThat(type).isEqualTo(switch (keyword.trim().toUpperCase()) {
            case "STOP", "UNSUBSCRIBE" -> "STOP";
            case "START" -> "START";
            default -> "HELP";
        });
        assertThat(reply.text()).isNull();
        assertThat(twilio.messages().find(reply.messageSid())).get().extracting(Message::reply).isNull();
    }

    @Test
    void afterStopTheApplicationMayNotTextThePhoneUntilStart() {
        String authorization = basic(twilio.accountSid(), twilio.authToken());
        String send = form("To", "+15551230005", "From", twilio.number(), "Body", "Still there?");

        twilio.phone("+15551230005").text("STOP");
        HttpResponse<String> refused = RawHttp.post(twilio.baseUrl(), RawHttp.messages(twilio.accountSid()), send, authorization);
        HttpResponse<String> toSomeoneElse = RawHttp.post(twilio.baseUrl(), RawHttp.messages(twilio.accountSid()),
                form("To", "+15551230099", "From", twilio.number(), "Body", "Hi"), authorization);
        twilio.phone("+15551230005").text("start");
        HttpResponse<String> accepted = RawHttp.post(twilio.baseUrl(), RawHttp.messages(twilio.accountSid()), send, authorization);

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(json(refused).get("code").asInt()).isEqualTo(21610);
        assertThat(toSomeoneElse.statusCode()).isEqualTo(201);
        assertThat(accepted.statusCode()).isEqualTo(201);
    }

    @Test
    void anApplicationCheckingAnotherUrlRefusesTheTextAndThePhoneSignsOverTheUrlItIsTold() {
        twilio.incomingWebhook(application.url("/twilio/sms"), "https://sms.example.com/twilio/sms");

        Reply refused = twilio.phone("+15551230007").text("Order Number 1");

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.accepted()).isFalse();
        assertThat(refused.text()).isNull();
        assertThat(refused.body()).contains("X-Twilio-Signature");
        RecordingWebhook.Received request = application.received().get(0);
        assertThat(new RequestValidator(twilio.authToken()).validate("https://sms.example.com/twilio/sms", single(request.form()),
                request.signature())).isTrue();
        assertThat(twilio.messages().find(refused.messageSid())).get().extracting(Message::reply).isNull();
    }

    @Test
    void theReplyCanNameAnotherRecipientAndCarryMedia() {
        application.answer(request -> new RecordingWebhook.Answer(200, "text/xml", "<Response><Message to=\"+15559990000\">"
                + "<Body>Tom &amp; Jerry &lt;3</Body><Media>https://example.com/a.gif</Media></Message>"
                + "<Message><![CDATA[Second]]></Message></Response>"));

        Reply reply = twilio.phone("+15551230008").text("hi");

        assertThat(reply.messages()).containsExactly("Tom & Jerry <3", "Second");
        assertThat(reply.text()).isEqualTo("Tom & Jerry <3\nSecond");
        assertThat(twilio.phone("+15559990000").received()).singleElement().satisfies(message -> {
            assertThat(message.body()).isEqualTo("Tom & Jerry <3");
            assertThat(message.mediaUrls()).containsExactly("https://example.com/a.gif");
        });
        assertThat(twilio.phone("+15551230008").received()).extracting(Message::body).containsExactly("Second");
    }

    @Test
    void anAnswerThatIsNoTwimlHasNoReply() {
        application.answer(request -> new RecordingWebhook.Answer(200, "text/plain", "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>"));

        assertThat(twilio.phone("+15551230009").text("hi").messages()).isEmpty();
        application.answer(request -> new RecordingWebhook.Answer(200, "text/plain", "just text"));
        assertThat(twilio.phone("+15551230009").text("hi").text()).isNull();
    }

    @Test
    void withoutAWebhookThePhoneSaysWhatIsMissing() {
        try (TwilioEmulator fresh = TwilioEmulator.start()) {
            assertThatThrownBy(() -> fresh.phone("+15551230010").text("hi"))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("incomingWebhook(");
        }
        assertThatThrownBy(() -> twilio.phone(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aHandMadeWebhookCanBePostedSignedWithRepeatedNames() {
        Map<String, String> report = TwilioForms.statusReport(twilio.accountSid(), "SM" + "1".repeat(32), twilio.number(), "+15551230011",
                "undelivered", 30003);
        application.answer(request -> new RecordingWebhook.Answer(204, null, ""));

        WebhookAnswer answer = twilio.webhooks().post(application.url("/twilio/status"), report);
        WebhookAnswer repeated = twilio.webhooks().postRepeated(application.url("/twilio/sms"), "https://public.example/twilio/sms",
                Map.of("MediaUrl", List.of("b", "a", "b")));

        assertThat(answer.status()).isEqualTo(204);
        assertThat(repeated.status()).isEqualTo(204);
        RecordingWebhook.Received posted = application.received().get(0);
        assertThat(posted.param("ErrorCode")).isEqualTo("30003");
        assertThat(WebhookSignature.matches(twilio.authToken(), application.url("/twilio/status"), posted.form(), posted.signature())).isTrue();
        RecordingWebhook.Received withRepeats = application.received().get(1);
        assertThat(withRepeats.form()).containsEntry("MediaUrl", List.of("b", "a", "b"));
        assertThat(withRepeats.signature()).isEqualTo(
                WebhookSignature.sign(twilio.authToken(), "https://public.example/twilio/sms", Map.of("MediaUrl", "a" + "MediaUrl" + "b")));
    }

    private static Map<String, String> single(Map<String, List<String>> form) {
        Map<String, String> single = new LinkedHashMap<>();
        form.forEach((name, values) -> single.put(name, values.get(0)));
        return single;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}

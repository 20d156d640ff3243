package dev.twilioconnector.emulator;

import com.twilio.security.RequestValidator;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The webhook signer against Twilio's own validator, and as Twilio's helper libraries sign repeated names. */
class WebhookSignatureTest {

    private static final String TOKEN = "12345";
    private static final String URL = "https://sms.example.com/twilio/sms?tenant=a";

    @Test
    void theSignatureIsTheOneTwiliosValidatorExpects() {
        Map<String, String> form = TwilioForms.incomingMessage("AC" + "0".repeat(32), "SMabc", "+15551230008", "+15005550006",
                "Grüße, 100% sure? a+b=c & more", List.of("https://example.com/a.png"));

        String signature = WebhookSignature.sign(TOKEN, URL, form);

        assertThat(new RequestValidator(TOKEN).validate(URL, form, signature)).isTrue();
        assertThat(new RequestValidator("54321").validate(URL, form, signature)).isFalse();
        assertThat(new RequestValidator(TOKEN).validate(URL + "&x=1", form, signature)).isFalse();
    }

    @Test
    void twiliosExampleSignsAsTwilioDocumentsIt() {
        // The example of Twilio's security documentation (auth token 12345).
        Map<String, String> form = Map.of("CallSid", "CA1234567890ABCDE", "Caller", "+12349013030", "Digits", "1234",
                "From", "+12349013030", "To", "+18005551212");

        assertThat(WebhookSignature.sign(TOKEN, "https://mycompany.com/myapp.php?foo=1&bar=2", form))
                .isEqualTo("0/KCTR6DLpKmkAf8muzZqo1nDgQ=");
    }

    @Test
    void aRepeatedNameIsSignedWithEachDistinctValueInOrder() {
        Map<String, List<String>> repeated = Map.of("MediaUrl", List.of("https://b", "https://a", "https://b"), "Body", List.of("hi"));

        String signature = WebhookSignature.signRepeated(TOKEN, URL, repeated);

        assertThat(signature).isEqualTo(WebhookSignature.sign(TOKEN, URL, Map.of("Body", "hi", "MediaUrl", "https://a" + "MediaUrl" + "https://b")));
        assertThat(WebhookSignature.matches(TOKEN, URL, repeated, signature)).isTrue();
        assertThat(WebhookSignature.matches(TOKEN, URL, repeated, " " + signature + " ")).as("blanks around it").isTrue();
        assertThat(WebhookSignature.matches(TOKEN, URL, Map.of("MediaUrl", List.of("https://a")), signature)).isFalse();
        assertThat(WebhookSignature.matches("other", URL, repeated, signature)).isFalse();
        assertThat(WebhookSignature.matches(TOKEN, URL, repeated, null)).isFalse();
    }
}

package dev.twilioconnector.inbound.e2e;

import dev.twilioconnector.emulator.TwilioEmulator;
import dev.twilioconnector.emulator.TwilioEmulatorExtension;
import dev.twilioconnector.emulator.TwilioForms;
import dev.twilioconnector.emulator.WebhookAnswer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** With {@code twilio.webhook.public-url} set, signatures are checked over it plus the request's path, and only over that. */
@SpringBootTest(classes = InboundTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:twilio-inbound-public-url;DB_CLOSE_DELAY=-1",
        "flowable.database-schema-update=true",
        "flowable.async-executor-activate=false",
        "twilio.triggers.location=classpath:e2e-triggers.yml",
        "twilio.webhook.public-url=https://sms.example.com/",
        "twilio.webhook.path=/hooks/incoming-sms"})
class PublicUrlWebhookTest {

    @LocalServerPort
    int port;

    @RegisterExtension
    static final TwilioEmulatorExtension TWILIO = new TwilioEmulatorExtension();

    private final TwilioEmulator twilio = TWILIO.emulator();

    @Test
    void acceptsTheSignatureOverThePublicUrlOnTheConfiguredPath() {
        Map<String, String> form = message("SM11111111111111111111111111111111", "Order Number 31?");

        WebhookAnswer response = twilio.webhooks().post(local("/hooks/incoming-sms?tenant=a"),
                "https://sms.example.com/hooks/incoming-sms?tenant=a", form);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).contains("Your reference number is 31?");
    }

    @Test
    void refusesASignatureOverTheUrlTheApplicationSawItself() {
        Map<String, String> form = message("SM22222222222222222222222222222222", "Order Number 32");

        WebhookAnswer response = twilio.webhooks().post(local("/hooks/incoming-sms"), form);

        assertThat(response.status()).isEqualTo(403);
    }

    @Test
    void theDefaultPathIsNotMappedWhenAnotherIsConfigured() {
        Map<String, String> form = message("SM33333333333333333333333333333333", "Order Number 33");

        assertThat(twilio.webhooks().post(local("/twilio/sms"), form).status()).isIn(404, 405);
    }

    private Map<String, String> message(String sid, String body) {
        return TwilioForms.incomingMessage(twilio.accountSid(), sid, "+15551230001", twilio.number(), body, List.of());
    }

    private String local(String path) {
        return "http://localhost:" + port + path;
    }
}

package dev.twilioconnector.inbound.e2e;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** With {@code twilio.webhook.public-url} set, signatures are checked over it plus the request's path, and only over that. */
@SpringBootTest(classes = InboundTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:twilio-inbound-public-url;DB_CLOSE_DELAY=-1",
        "flowable.database-schema-update=true",
        "flowable.async-executor-activate=false",
        "twilio.triggers.location=classpath:e2e-triggers.yml",
        "twilio.account=" + InboundEndToEndTest.ACCOUNT,
        "twilio.token=" + InboundEndToEndTest.TOKEN,
        "twilio.webhook.public-url=https://sms.example.com/",
        "twilio.webhook.path=/hooks/incoming-sms"})
class PublicUrlWebhookTest {

    @LocalServerPort
    int port;

    private final TwilioWebhookClient twilio = new TwilioWebhookClient(InboundEndToEndTest.TOKEN);

    @Test
    void acceptsTheSignatureOverThePublicUrlOnTheConfiguredPath() {
        Map<String, String> form = TwilioWebhookClient.message("SM11111111111111111111111111111111", "+15551230001", "Order Number 31?");

        HttpResponse<String> response = twilio.post(local("/hooks/incoming-sms?tenant=a"), form,
                twilio.sign("https://sms.example.com/hooks/incoming-sms?tenant=a", form), Map.of());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("Your reference number is 31?");
    }

    @Test
    void refusesASignatureOverTheUrlTheApplicationSawItself() {
        Map<String, String> form = TwilioWebhookClient.message("SM22222222222222222222222222222222", "+15551230001", "Order Number 32");

        HttpResponse<String> response = twilio.post(local("/hooks/incoming-sms"), form, twilio.sign(local("/hooks/incoming-sms"), form), Map.of());

        assertThat(response.statusCode()).isEqualTo(403);
    }

    @Test
    void theDefaultPathIsNotMappedWhenAnotherIsConfigured() {
        Map<String, String> form = TwilioWebhookClient.message("SM33333333333333333333333333333333", "+15551230001", "Order Number 33");

        assertThat(twilio.postSigned(local("/twilio/sms"), form).statusCode()).isIn(404, 405);
    }

    private String local(String path) {
        return "http://localhost:" + port + path;
    }
}

package dev.twilioconnector.sample.security;

import dev.twilioconnector.emulator.TwilioForms;
import dev.twilioconnector.emulator.WebhookAnswer;
import dev.twilioconnector.emulator.WebhookSender;
import dev.twilioconnector.sample.SampleApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.security.autoconfigure.SecurityProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Live mode (a Twilio account configured) with the webhooks moved to paths of the user's choosing and no
 * login configured: the configured paths are the open ones, and Spring Boot's generated password is the login.
 * No SMS is sent here; the API base URL (a proxy with a password) leads nowhere. {@code twilio.sandbox.enabled=true}
 * is set as well, as someone might to force the sandbox: with an account it is ignored, and everything stays locked.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(classes = SampleApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:twilio-live-security;DB_CLOSE_DELAY=-1",
        "twilio.account=" + LiveSecurityTest.ACCOUNT,
        "twilio.token=" + LiveSecurityTest.TOKEN,
        "twilio.api-base-url=http://proxy-user:proxy-secret@127.0.0.1:9",
        "twilio.default-from=" + LiveSecurityTest.FROM,
        "twilio.triggers.location=classpath:sample-triggers.yml",
        "twilio.webhook.path=/hooks/incoming",
        "twilio.webhook.status-path=hooks/delivery",
        "twilio.sandbox.enabled=true"})
class LiveSecurityTest {

    static final String ACCOUNT = "AC00000000000000000000000000000001";
    static final String TOKEN = "live-security-test-token-5b1e0c7d";
    static final String FROM = "+15005550006";
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @LocalServerPort
    int port;

    @Test
    void webhooksAtTheConfiguredPathsNeedNeitherLoginNorCsrfToken() {
        WebhookSender twilio = new WebhookSender(TOKEN);

        WebhookAnswer message = twilio.post(url("/hooks/incoming"), message("SM00000000000000000000000000000001", "+15551237001", "Order Number 12"));
        assertThat(message.status()).isEqualTo(200);
        assertThat(message.body()).as("the orderStatus process's REPLY, which needs no REST call")
                .endsWith("<Response><Message>Order 12: shipped today, arriving in 2 days.</Message></Response>");

        WebhookAnswer report = twilio.post(url("/hooks/delivery"),
                TwilioForms.statusReport(ACCOUNT, "SM00000000000000000000000000000002", FROM, "+15551237001", "delivered", null));
        assertThat(report.status()).as(report.body()).isBetween(200, 299);
    }

    @Test
    void theDefaultWebhookPathIsNotOpenWhenTheWebhookIsElsewhere() {
        WebhookAnswer answer = new WebhookSender(TOKEN).post(url("/twilio/sms"),
                message("SM00000000000000000000000000000003", "+15551237002", "Order Number 13"));

        assertThat(answer.status()).as("refused for want of a CSRF token, like any other form").isEqualTo(403);
        assertThat(answer.body()).doesNotContain("<Response");
    }

    @Test
    void withoutAConfiguredPasswordSpringBootsGeneratedOneIsTheLogin(@Autowired SecurityProperties security, CapturedOutput output)
            throws Exception {
        SecurityProperties.User user = security.getUser();
        assertThat(user.isPasswordGenerated()).isTrue();
        assertThat(output.getOut()).containsOnlyOnce("Using generated security password: " + user.getPassword());

        assertThat(get("/actuator/info", null).statusCode()).isEqualTo(401);
        assertThat(get("/actuator/info", user.getName() + ":" + user.getPassword()).statusCode()).isEqualTo(200);
    }

    @Test
    void healthShowsAnonymousCallersTheStatusAndTheUserTheDetailsWithoutSecrets(@Autowired SecurityProperties security)
            throws Exception {
        assertThat(get("/actuator/health", null).body()).contains("\"status\":\"UP\"").doesNotContain("details", ACCOUNT);

        String details = get("/actuator/health", security.getUser().getName() + ":" + security.getUser().getPassword()).body();
        assertThat(details).contains("\"account\":\"" + ACCOUNT + "\"", "\"apiBaseUrl\":\"http://***@127.0.0.1:9\"")
                .doesNotContain("proxy-secret", TOKEN);
    }

    private static Map<String, String> message(String sid, String from, String body) {
        return TwilioForms.incomingMessage(ACCOUNT, sid, from, FROM, body, List.of());
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private HttpResponse<String> get(String path, String credentials) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path)));
        if (credentials != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}

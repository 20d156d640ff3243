package dev.twilioconnector.sample;

import dev.twilioconnector.emulator.RequestMatch;
import dev.twilioconnector.emulator.Sids;
import dev.twilioconnector.emulator.TwilioEmulator;
import dev.twilioconnector.emulator.TwilioForms;
import dev.twilioconnector.emulator.WebhookAnswer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 19's "the sample's order process, run with only TWILIO_ACCOUNT / TWILIO_TOKEN against a Twilio stand-in,
 * answers its customer": the packaged application in live mode with no TWILIO_FROM and no Messaging Service (and no
 * public URL, no login: the webhook's signature is checked against the URL it was called at, and the login is Spring
 * Boot's generated password). The order process's REPLY needs no sender: it answers in the webhook's reply, from the
 * number the customer texted.
 */
class LiveSampleWithoutSenderIT {

    private static final Pattern GENERATED_PASSWORD = Pattern.compile("Using generated security password: (\\S+)");
    private static final Pattern ORDER_STATUS_INSTANCE = Pattern.compile("data-process=\"orderStatus\" data-instance=\"([^\"]+)\"");

    @TempDir
    Path work;

    @Test
    void theOrderProcessAnswersItsCustomerWithOnlyAccountAndToken() throws Exception {
        try (TwilioEmulator twilio = TwilioEmulator.start();
             PackagedSample sample = PackagedSample.start(work.resolve("db"), "packaged-live-without-sender", PackagedSample.freePort(), Map.of(
                     "TWILIO_ACCOUNT", twilio.accountSid(),
                     "TWILIO_TOKEN", twilio.authToken(),
                     "TWILIO_API_BASE_URL", twilio.baseUrl("live").toString()))) {
            String messageSid = Sids.message();

            WebhookAnswer answer = twilio.webhooks().post(sample.url("/twilio/sms"), TwilioForms.incomingMessage(twilio.accountSid(),
                    messageSid, "+15551238941", twilio.number(), "Order Number 4711", List.of()));

            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.body()).as("the order process's REPLY").endsWith("<Response><Message>Order 4711: waiting for payment.</Message></Response>");
            assertThat(twilio.requests(RequestMatch.messageCreation())).as("message creations: the answer went in the TwiML").isEmpty();
            Map<String, JsonNode> variables = variablesOfTheInstanceStartedBy(sample, messageSid);
            assertThat(variables).containsKeys("twilioError", "twilioResult");
            assertThat(variables.get("twilioError").isNull()).as("twilioError: %s", variables.get("twilioError")).isTrue();
            assertThat(variables.get("twilioResult").asString()).contains("\"to\":\"+15551238941\"", "\"status\":\"webhook-reply\"");
            assertThat(variables.get("twilioMessageTo").asString()).as("the number the customer texted, which REPLY answers from")
                    .isEqualTo(twilio.number());
            assertThat(sample.log()).contains("Started SampleApplication").doesNotContain("no sender", " ERROR ");
        }
    }

    /**
     * The variables of the orderStatus instance the message started: the console (after logging in with the generated
     * password) names the one orderStatus instance of this fresh database, the REST API gives its variables.
     */
    private static Map<String, JsonNode> variablesOfTheInstanceStartedBy(PackagedSample sample, String messageSid) throws Exception {
        Matcher password = GENERATED_PASSWORD.matcher(sample.log());
        assertThat(password.find()).as("Spring Boot's generated password in the log").isTrue();
        ConsoleSession console = new ConsoleSession(sample);
        assertThat(console.logIn("user", password.group(1)).statusCode()).isEqualTo(302);
        Matcher orderStatus = ORDER_STATUS_INSTANCE.matcher(console.open("/").body());
        assertThat(orderStatus.find()).as("an orderStatus instance in the console").isTrue();
        HttpResponse<String> instance = PackagedSample.send(sample.request("/process-api/history/historic-process-instances/" + orderStatus.group(1))
                .header("Authorization", LiveSampleIT.basic("user", password.group(1)))
                .GET().build());
        assertThat(instance.statusCode()).as(instance.body()).isEqualTo(200);
        JsonNode described = JsonMapper.builder().build().readTree(instance.body());
        assertThat(described.get("ended").asBoolean()).as("the instance ended in the webhook's hand-over").isTrue();
        Map<String, JsonNode> variables = new HashMap<>();
        described.get("variables").forEach(variable -> variables.put(variable.get("name").asString(), variable.get("value")));
        assertThat(variables.get("twilioMessageSid").asString()).as("the message that started it").isEqualTo(messageSid);
        return variables;
    }
}

package dev.twilioconnector.sample;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The README's main job, tested as a user meets it: the packaged application in its own process, with
 * no Twilio account (sandbox mode), driven over HTTP only. {@link LiveSampleIT} runs it with one.
 */
class PackagedSampleIT {

    @TempDir
    Path database;

    @Test
    void aReminderIsSentAnsweredAndFinishedOverHttp() throws Exception {
        try (PackagedSample sample = PackagedSample.start(database, "packaged-round-trip")) {
            String id = startReminder(sample, "+15551239001");

            awaitSms(sample, "+15551239001", "Reply YES to confirm");
            ConsoleSession console = new ConsoleSession(sample);
            console.open("/");
            assertThat(console.post("/console/inbound", "from=%2B15551239001&body=YES").statusCode()).isEqualTo(302);

            assertThat(console.open("/").body()).as("the console's notice: the reminder's REPLY was the webhook's answer")
                    .contains("Reply: Great, see you on Friday 9:00!");
            awaitOutcome(sample, id, "confirmed");

            assertThat(sample.stop()).as("a clean stop: the JVM's exit on SIGTERM").isIn(0, 143);
            assertThat(sample.log()).contains("Started SampleApplication").doesNotContain(" ERROR ");
        }
    }

    @Test
    void aProcessWaitingForAReplyBeforeARestartIsWokenByAReplyAfterIt() throws Exception {
        String id;
        try (PackagedSample before = PackagedSample.start(database, "packaged-before-restart")) {
            id = startReminder(before, "+15551239002");
            awaitSms(before, "+15551239002", "Reply YES to confirm");
            before.stop();
        }
        try (PackagedSample after = PackagedSample.start(database, "packaged-after-restart")) {
            assertThat(after.get("/process-api/history/historic-process-instances/" + id).body()).contains("\"ended\":false");

            ConsoleSession console = new ConsoleSession(after);
            console.open("/");
            assertThat(console.post("/console/inbound", "from=%2B15551239002&body=no").statusCode()).isEqualTo(302);

            awaitOutcome(after, id, "cancelled");
            after.stop();
        }
    }

    @Test
    void theSandboxListensOnLoopbackOnlyNeedsNoLoginAndItsFormsNeedTheirCsrfToken() throws Exception {
        try (PackagedSample sample = PackagedSample.start(database, "packaged-sandbox-security")) {
            assertThat(ListeningAddresses.accepts(InetAddress.getByName("127.0.0.1"), sample.port())).isTrue();
            assertThat(ListeningAddresses.besidesLoopback()).isNotEmpty().allSatisfy(address ->
                    assertThat(ListeningAddresses.accepts(address, sample.port())).as("a connection to %s", address).isFalse());

            HttpResponse<String> page = sample.get("/");
            assertThat(page.statusCode()).as("the console, without login").isEqualTo(200);
            assertSecurityHeaders(page);
            String form = "recipients=%2B15551239003&body=forged";
            assertThat(sample.postForm("/console/broadcast", form).statusCode()).as("a form without its CSRF token").isEqualTo(403);
            assertThat(PackagedSample.send(sample.request("/console/broadcast").header("Origin", "https://attacker.example")
                    .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build())
                    .statusCode()).as("a form another site posts").isEqualTo(403);

            ConsoleSession console = new ConsoleSession(sample);
            console.open("/");
            assertThat(console.post("/console/broadcast", "recipients=%2B15551239004&body=from+the+console").statusCode()).isEqualTo(302);
            awaitSms(sample, "+15551239004", "from the console");
            assertThat(sample.get("/console/messages.json").body()).doesNotContain("forged");

            assertThat(sample.log()).contains("listens on 127.0.0.1 only").doesNotContain("generated security password");
        }
    }

    /** The headers every response of the sample carries, in both modes. */
    static void assertSecurityHeaders(HttpResponse<?> response) {
        assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(policy ->
                assertThat(policy).contains("default-src 'self'", "frame-ancestors 'none'", "form-action 'self'"));
    }

    private static String startReminder(PackagedSample sample, String phone) {
        HttpResponse<String> started = sample.postJson("/process-api/runtime/process-instances", """
                {"processDefinitionKey": "appointmentReminder", "variables": [
                  {"name": "customerPhone", "value": "%s"},
                  {"name": "customerName", "value": "Grace"},
                  {"name": "appointmentTime", "value": "Friday 9:00"},
                  {"name": "reminderInterval", "value": "PT10M"}]}""".formatted(phone));
        assertThat(started.statusCode()).isEqualTo(201);
        Matcher id = Pattern.compile("\"id\":\"([^\"]+)\"").matcher(started.body());
        assertThat(id.find()).isTrue();
        return id.group(1);
    }

    private static void awaitSms(PackagedSample sample, String to, String text) {
        await("an SMS to " + to + " containing '" + text + "' in the sandbox").atMost(Duration.ofSeconds(30))
                .until(() -> {
                    String messages = sample.get("/console/messages.json").body();
                    return messages.contains("\"to\":\"" + to + "\"") && messages.contains(text);
                });
    }

    private static void awaitOutcome(PackagedSample sample, String id, String outcome) {
        await("process " + id + " ends " + outcome).atMost(Duration.ofSeconds(30)).until(() -> {
            String instance = sample.get("/process-api/history/historic-process-instances/" + id).body();
            return instance.contains("\"ended\":true") && instance.contains("{\"name\":\"outcome\",\"value\":\"" + outcome + "\"}");
        });
    }
}

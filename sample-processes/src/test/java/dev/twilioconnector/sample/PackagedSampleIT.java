package dev.twilioconnector.sample;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The README's main job, tested as a user meets it: the packaged application in its own process, with
 * no Twilio account, driven over HTTP only.
 */
class PackagedSampleIT {

    @TempDir
    Path database;

    @Test
    void aReminderIsSentAnsweredAndFinishedOverHttp() throws Exception {
        try (PackagedSample sample = PackagedSample.start(database, "packaged-round-trip")) {
            String id = startReminder(sample, "+15551239001");

            awaitSms(sample, "+15551239001", "Reply YES to confirm");
            assertThat(sample.postForm("/console/inbound", "from=%2B15551239001&body=YES").statusCode()).isEqualTo(302);

            awaitOutcome(sample, id, "confirmed");
            awaitSms(sample, "+15551239001", "Great, see you on Friday 9:00!");

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

            assertThat(after.postForm("/console/inbound", "from=%2B15551239002&body=no").statusCode()).isEqualTo(302);

            awaitOutcome(after, id, "cancelled");
            after.stop();
        }
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

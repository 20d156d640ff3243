package dev.twilioconnector.sample.sandbox;

import dev.twilioconnector.emulator.Message;
import dev.twilioconnector.emulator.Reply;
import dev.twilioconnector.emulator.TwilioEmulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sandbox's phones text this application's own webhook, signed over the public URL sandbox mode sets, and
 * meet the sample's real triggers. How a phone texts and reads the reply is the emulator's own tests' subject
 * ({@code PhoneTest}); what the webhook does with any request, the trigger listener's.
 */
class SandboxTextsTest extends SandboxApplicationTest {

    @Autowired
    private TwilioEmulator sandbox;

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void anOrderNumberIsAnsweredByTheOrderProcessInsteadOfTheTriggersEcho(CapturedOutput output) {
        Reply reply = sandbox.phone("+15551230001").text("Order Number 4711");

        assertThat(reply.status()).as("the webhook took the signature").isEqualTo(200);
        assertThat(reply.text()).isEqualTo("Order 4711: waiting for payment.");
        assertThat(sandbox.messages().find(reply.messageSid())).get().satisfies(stored -> {
            assertThat(stored.direction()).isEqualTo(Message.INBOUND);
            assertThat(stored.from()).isEqualTo("+15551230001");
            assertThat(stored.to()).isEqualTo(SandboxMode.DEFAULT_FROM);
            assertThat(stored.reply()).isEqualTo(reply.text());
        });
        assertThat(output).contains("Message " + reply.messageSid() + " matched trigger 'orderStatus'; SMS_RECEIVED published");
    }

    @Test
    void yesThatWakesNoReminderGetsTheConfirmTriggersEcho() {
        Reply reply = sandbox.phone("+15551230002").text("yes");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.text()).isEqualTo("Thanks, we noted YES.");
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void stopIsAnOptOutThatGetsAnEmptyAnswerAndIsPublishedOnlyAsSmsOptOut(CapturedOutput output) {
        Reply reply = sandbox.phone("+15551230003").text("STOP");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>");
        assertThat(reply.text()).isNull();
        assertThat(output).contains("Message " + reply.messageSid() + " is an opt-out (STOP): SMS_OPT_OUT published, not matched against the triggers")
                .doesNotContain("Message " + reply.messageSid() + " matched");
    }

    @ParameterizedTest
    @ValueSource(strings = {"START", "help", " Help "})
    void startAndHelpAreAnsweredByTwilioNotTheApplication(String keyword) {
        Reply reply = sandbox.phone("+15551230004").text(keyword);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.text()).isNull();
    }
}

package dev.twilioconnector.emulator;

import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.security.RequestValidator;
import com.twilio.type.PhoneNumber;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Status callbacks: reported as the message travels, signed as Twilio signs, the stored message following along. */
class StatusReportsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final TwilioEmulator twilio = TwilioEmulator.builder().statusReportStep(Duration.ofMillis(50)).start();
    private final RecordingWebhook application = new RecordingWebhook();
    private final TwilioRestClient client = SdkClients.of(twilio);

    @AfterEach
    void stop() {
        twilio.close();
        application.close();
    }

    @Test
    void aMessageIsReportedSentThenDeliveredSignedAsTwilioSigns() {
        String callback = application.url("/twilio/status?tenant=a");

        Message sent = send("+15551110042", callback);

        await().atMost(WAIT).until(() -> twilio.statusReports().size() == 2);
        List<RecordingWebhook.Received> reports = application.received();
        assertThat(reports).extracting(report -> report.param("MessageStatus")).containsExactly("sent", "delivered");
        assertThat(reports).allSatisfy(report -> {
            assertThat(report.path()).isEqualTo("/twilio/status");
            assertThat(report.param("MessageSid")).isEqualTo(sent.getSid());
            assertThat(report.param("SmsSid")).isEqualTo(sent.getSid());
            assertThat(report.param("AccountSid")).isEqualTo(twilio.accountSid());
            assertThat(report.param("To")).isEqualTo("+15551110042");
            assertThat(report.param("From")).isEqualTo(twilio.number());
            assertThat(report.param("ApiVersion")).isEqualTo("2010-04-01");
            assertThat(report.form()).doesNotContainKey("ErrorCode");
            assertThat(WebhookSignature.matches(twilio.authToken(), callback, report.form(), report.signature())).isTrue();
            assertThat(new RequestValidator(twilio.authToken()).validate(callback, single(report.form()), report.signature()))
                    .as("Twilio's own validator agrees").isTrue();
        });
        assertThat(twilio.statusReports()).extracting(StatusReport::status).containsExactly("sent", "delivered");
        assertThat(twilio.statusReports()).allSatisfy(report -> {
            assertThat(report.accepted()).isTrue();
            assertThat(report.answer()).isEqualTo(204);
            assertThat(report.url()).isEqualTo(callback);
        });
        Message fetched = Message.fetcher(sent.getSid()).fetch(client);
        assertThat(fetched.getStatus()).isEqualTo(Message.Status.DELIVERED);
        assertThat(fetched.getDateSent()).isNotNull();
        assertThat(fetched.getErrorCode()).isNull();
    }

    @Test
    void aPhoneThatIsOffEndsUndeliveredWithItsErrorCode() {
        twilio.deliverTo("+15551110000", Delivery.undelivered(Delivery.UNREACHABLE));

        Message sent = send("+15551110000", application.url("/status"));

        await().atMost(WAIT).until(() -> twilio.statusReports().size() == 2);
        assertThat(application.received().get(1).form()).containsEntry("MessageStatus", List.of("undelivered"))
                .containsEntry("ErrorCode", List.of("30003"));
        Message fetched = Message.fetcher(sent.getSid()).fetch(client);
        assertThat(fetched.getStatus()).isEqualTo(Message.Status.UNDELIVERED);
        assertThat(fetched.getErrorCode()).isEqualTo(30003);
    }

    @Test
    void aRuleDecidesForRecipientsNamedNowhereElse() {
        twilio.deliveryRule(to -> to.endsWith("0000") ? Delivery.failed(30006) : Delivery.sentOnly());

        send("+15551120000", application.url("/status"));
        send("+15551120001", application.url("/status"));

        await().atMost(WAIT).until(() -> twilio.statusReports().size() == 2);
        assertThat(twilio.statusReports()).extracting(report -> report.form().get("To") + " " + report.status() + " " + report.errorCode())
                .containsExactlyInAnyOrder("+15551120000 failed 30006", "+15551120001 sent null");
        assertThat(twilio.messages().sentTo("+15551120000")).singleElement().satisfies(message -> {
            assertThat(message.status()).isEqualTo("failed");
            assertThat(message.errorCode()).isEqualTo(30006);
        });
    }

    @Test
    void aTestCanReportByHandWhenReportsAreNotAutomatic() {
        twilio.statusReportStep(null);
        Message sent = send("+15551110043", application.url("/status"));

        StatusReport read = twilio.reportStatus(sent.getSid(), "read", null);

        assertThat(read.accepted()).isTrue();
        assertThat(application.received()).singleElement().satisfies(report -> assertThat(report.param("MessageStatus")).isEqualTo("read"));
        assertThat(twilio.messages().find(sent.getSid())).get().extracting(stored -> stored.status()).isEqualTo("read");
        Message withoutCallback = Message.creator(new PhoneNumber("+15551110043"), new PhoneNumber(twilio.number()), "No reports").create(client);
        assertThatThrownBy(() -> twilio.reportStatus(withoutCallback.getSid(), "sent", null)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> twilio.reportStatus(Sids.message(), "sent", null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCallbackThatRefusesOrCannotBeReachedIsRecordedSo() {
        application.answer(request -> new RecordingWebhook.Answer(403, "text/plain", "forbidden"));
        twilio.statusReportStep(null);
        Message refused = send("+15551110044", application.url("/status"));
        Message unreachable = send("+15551110045", "http://127.0.0.1:" + closedPort() + "/status");

        assertThat(twilio.reportStatus(refused.getSid(), "sent", null).answer()).isEqualTo(403);
        assertThat(twilio.reportStatus(unreachable.getSid(), "sent", null).answer()).isEqualTo(StatusReport.UNREACHABLE);
        assertThat(twilio.statusReports()).extracting(StatusReport::accepted).containsExactly(false, false);
    }

    @Test
    void reportsStillDueAreDroppedByReset() {
        twilio.statusReportStep(Duration.ofSeconds(30));
        send("+15551110046", application.url("/status"));

        twilio.reset();

        assertThat(twilio.messages().size()).isZero();
        send("+15551110047", application.url("/status"));
        await().atMost(WAIT).until(() -> twilio.statusReports().size() == 2);
        assertThat(application.received()).extracting(report -> report.param("To")).containsOnly("+15551110047");
    }

    private Message send(String to, String callback) {
        return Message.creator(new PhoneNumber(to), new PhoneNumber(twilio.number()), "Your order is ready")
                .setStatusCallback(URI.create(callback)).create(client);
    }

    private static Map<String, String> single(Map<String, List<String>> form) {
        Map<String, String> single = new LinkedHashMap<>();
        form.forEach((name, values) -> single.put(name, values.get(0)));
        return single;
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

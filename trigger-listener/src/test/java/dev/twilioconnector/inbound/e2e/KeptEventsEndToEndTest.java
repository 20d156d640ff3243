package dev.twilioconnector.inbound.e2e;

import dev.twilioconnector.emulator.Message;
import dev.twilioconnector.emulator.Reply;
import dev.twilioconnector.emulator.TwilioForms;
import dev.twilioconnector.flowable.schema.PluginTables;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Nothing lost in between: a reply or a delivery report that arrives while its instance stands between its
 * SEND_SMS and its wait is kept and reaches the instance once it waits; a "YES" nobody asked for answers nothing
 * later; kept events expire, are deleted and counted.
 */
@SpringBootTest(classes = {InboundTestApplication.class, KeptEventsEndToEndTest.Meters.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:twilio-kept-events;DB_CLOSE_DELAY=-1",
        "flowable.database-schema-update=true",
        "flowable.async-executor-activate=false",
        "twilio.triggers.location=classpath:e2e-triggers.yml",
        "twilio.events.keep-reply=5m",
        "twilio.events.keep-status=2s"})
class KeptEventsEndToEndTest extends EndToEndTest {

    private static final AtomicLong PHONES = new AtomicLong(5_551_250_000L);
    private static final Duration IN_TIME = Duration.ofSeconds(15);

    @TestConfiguration
    static class Meters {
        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }

    @Autowired
    SlowStep slowStep;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MeterRegistry meters;

    private final String phone = "+1" + PHONES.incrementAndGet();

    @BeforeEach
    void textsReachThisApplication() {
        twilio.incomingWebhook(url("/twilio/sms"));
        slowStep.hold();
    }

    @AfterEach
    void letEveryInstanceGo() {
        slowStep.release();
    }

    @Test
    void aReplyThatArrivesBeforeTheInstanceWaitsReachesItOnceItWaits() throws Exception {
        CompletableFuture<String> reminder = start("slowReminder", phone);
        slowStep.awaitEntered();

        Reply reply = twilio.phone(phone).text("yes");

        assertThat(reply.text()).as("the engine took the message").isEqualTo("Thanks, we noted yes.");
        assertThat(keptRows()).isEqualTo(1);

        slowStep.release();
        String instance = reminder.get();

        await().atMost(IN_TIME).until(() -> waitsAt(instance, "replied"));
        assertThat(runtime.getVariable(instance, "reply").toString()).contains("yes");
        assertThat(keptRows()).as("delivered, no longer kept").isZero();
    }

    @Test
    void aDeliveryReportThatArrivesBeforeTheInstanceWaitsReachesItOnceItWaits() throws Exception {
        CompletableFuture<String> notice = start("slowDelivery", phone);
        slowStep.awaitEntered();
        String sid = twilio.messages().sent().stream().filter(message -> message.to().equals(phone)).map(Message::sid).findFirst().orElseThrow();

        assertThat(twilio.webhooks().post(url("/twilio/status"),
                TwilioForms.statusReport(twilio.accountSid(), sid, twilio.number(), phone, "delivered", null)).status()).isEqualTo(204);

        slowStep.release();
        String instance = notice.get();

        await().atMost(IN_TIME).until(() -> waitsAt(instance, "delivered"));
    }

    @Test
    void aYesSentBeforeAnyoneTextedThatPhoneAnswersNoReminderStartedAfterwards() throws Exception {
        Reply early = twilio.phone(phone).text("yes");
        assertThat(early.text()).isEqualTo("Thanks, we noted yes.");
        assertThat(keptRows()).as("nobody had texted that phone: not kept").isZero();

        slowStep.release();
        String reminder = start("slowReminder", phone).get();

        assertThat(waitsAt(reminder, "waitForReply")).isTrue();
        assertThat(keptRows()).isZero();
    }

    @Test
    void aKeptReplyGoesOnlyToAnInstanceThatHadTextedTheSenderBeforeItArrived() throws Exception {
        CompletableFuture<String> askedFirst = start("slowReminder", phone);
        slowStep.awaitEntered();
        twilio.phone(phone).text("no");

        String askedLater = runtime.startProcessInstanceByKey("reminder",
                Map.of("customerPhone", phone, "slot", "Thursday 9:00", "appNumber", twilio.number())).getId();
        slowStep.release();
        String first = askedFirst.get();

        await().atMost(IN_TIME).until(() -> waitsAt(first, "replied"));
        assertThat(runtime.getVariable(first, "reply").toString()).contains("no");
        assertThat(waitsAt(askedLater, "waitForReply")).as("texted after the answer arrived").isTrue();
    }

    @Test
    void keptEventsExpireAreDeletedAndCounted() {
        double before = expiredReports();
        String sid = sid();

        assertThat(twilio.webhooks().post(url("/twilio/status"),
                TwilioForms.statusReport(twilio.accountSid(), sid, twilio.number(), phone, "sent", null)).status()).isEqualTo(204);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM " + PluginTables.KEPT_EVENT + " WHERE ID_ = ?", Integer.class, sid + ":sent"))
                .isEqualTo(1);

        await().atMost(IN_TIME).until(() -> {
            configurator().eventKeeper().expire();
            return jdbc.queryForObject("SELECT COUNT(*) FROM " + PluginTables.KEPT_EVENT + " WHERE ID_ = ?", Integer.class, sid + ":sent") == 0;
        });
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM " + PluginTables.KEPT_EVENT_KEY + " WHERE EVENT_ID_ = ?", Integer.class,
                sid + ":sent")).isZero();
        assertThat(expiredReports() - before).isGreaterThanOrEqualTo(1);
    }

    private CompletableFuture<String> start(String process, String customerPhone) {
        return CompletableFuture.supplyAsync(() -> runtime.startProcessInstanceByKey(process,
                Map.of("customerPhone", customerPhone, "appNumber", twilio.number())).getId());
    }

    private boolean waitsAt(String instance, String activity) {
        return runtime.createExecutionQuery().processInstanceId(instance).activityId(activity).count() == 1;
    }

    /** Kept messages from this test's phone. */
    private int keptRows() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM " + PluginTables.KEPT_EVENT + " WHERE SENDER_ = ?", Integer.class, phone);
    }

    private double expiredReports() {
        var counter = meters.find("twilio.events.expired").tag("event", "SMS_STATUS").counter();
        return counter == null ? 0 : counter.count();
    }

    private dev.twilioconnector.flowable.TwilioConnectorConfigurator configurator() {
        return applicationContext.getBean(dev.twilioconnector.flowable.TwilioConnectorConfigurator.class);
    }

    @Autowired
    org.springframework.context.ApplicationContext applicationContext;
}

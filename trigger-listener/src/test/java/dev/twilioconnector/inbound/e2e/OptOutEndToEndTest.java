package dev.twilioconnector.inbound.e2e;

import dev.twilioconnector.emulator.Reply;
import dev.twilioconnector.emulator.WebhookAnswer;
import org.flowable.engine.history.HistoricProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Opt-out keywords over real HTTP reach processes as {@code SMS_OPT_OUT}: {@code unsubscribe} starts on a
 * {@code STOP} with the sender, {@code everyOptOut} on any opt-out, once per message, and every {@code newsletter}
 * of that sender waiting for it ends. The application is
 * {@link InboundEndToEndTest}'s (the same settings, so Spring reuses its context); every test texts from a
 * phone of its own.
 */
@SpringBootTest(classes = InboundTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:twilio-inbound-e2e;DB_CLOSE_DELAY=-1",
        "flowable.database-schema-update=true",
        "flowable.async-executor-activate=false",
        "twilio.triggers.location=classpath:e2e-triggers.yml"})
class OptOutEndToEndTest extends EndToEndTest {

    @BeforeEach
    void textsReachThisApplication() {
        twilio.incomingWebhook(webhook());
    }

    @Test
    void aPhoneTextingStopStartsTheProcessForStopWithItsNumber() {
        String carol = "+15551240101";

        Reply reply = twilio.phone(carol).text("STOP");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).contains("<Response/>");
        assertThat(started("unsubscribe", "from", carol)).singleElement()
                .satisfies(instance -> assertThat(instance.getProcessVariables())
                        .containsEntry("from", carol).containsEntry("optOutType", "STOP"));
    }

    @Test
    void stopIsPublishedAsAnOptOutButMatchesNoTriggerEvenWhenItsBodyWould() {
        String dave = "+15551240102";
        Map<String, String> form = message(sid(), dave, "Order Number 77");
        form.put("OptOutType", "STOP");

        WebhookAnswer response = deliver(form);

        assertThat(response.body()).contains("<Response/>");
        assertThat(started("unsubscribe", "from", dave)).hasSize(1);
        assertThat(history.createHistoricProcessInstanceQuery().variableValueEquals("originalMessage", "Order Number 77").count())
                .as("no SMS_RECEIVED").isZero();
    }

    @Test
    void startIsPublishedAsAnOptOutAndStillAsSmsReceivedWithoutAnEcho() {
        String erin = "+15551240103";
        String waiting = runtime.startProcessInstanceByKey("appointment", Map.of("customerPhone", erin)).getId();
        String sid = sid();
        Map<String, String> form = message(sid, erin, "YES");
        form.put("OptOutType", "START");

        WebhookAnswer response = deliver(form);

        assertThat(response.body()).contains("<Response/>");
        assertThat(started("everyOptOut", "messageSid", sid)).singleElement()
                .satisfies(instance -> assertThat(instance.getProcessVariables())
                        .containsEntry("from", erin).containsEntry("to", twilio.number()).containsEntry("optOutType", "START"));
        assertThat(started("unsubscribe", "from", erin)).as("START is no STOP").isEmpty();
        assertThat(tasks.createTaskQuery().processInstanceId(waiting).count()).as("SMS_RECEIVED woke the appointment").isOne();
    }

    @Test
    void aStopDeliveredAgainIsPublishedOnce() {
        String frank = "+15551240104";
        String sid = sid();
        Map<String, String> form = message(sid, frank, "STOP");
        form.put("OptOutType", "STOP");

        List<String> answers = List.of(deliver(form).body(), deliver(form).body());

        assertThat(answers).allSatisfy(answer -> assertThat(answer).contains("<Response/>"));
        assertThat(started("everyOptOut", "messageSid", sid)).hasSize(1);
        assertThat(started("unsubscribe", "from", frank)).hasSize(1);
    }

    @Test
    void stopEndsEveryInstanceWaitingForThatPersonsOptOutNotOnlyTheLastTexters() {
        String grace = "+15551240105";
        List<String> hers = List.of(newsletterFor(grace), newsletterFor(grace));
        String someoneElses = newsletterFor("+15551240106");

        twilio.phone(grace).text("STOP");

        assertThat(hers).allSatisfy(instance -> assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(instance)
                .activityId("unsubscribed").count()).isOne());
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(someoneElses).count()).as("still running").isOne();
        runtime.deleteProcessInstance(someoneElses, "test over");
    }

    private String newsletterFor(String phone) {
        return runtime.startProcessInstanceByKey("newsletter", Map.of("customerPhone", phone)).getId();
    }

    /** The instances of {@code process} started with {@code variable} = {@code value}, with their variables. */
    private List<HistoricProcessInstance> started(String process, String variable, String value) {
        return history.createHistoricProcessInstanceQuery().processDefinitionKey(process).variableValueEquals(variable, value)
                .includeProcessVariables().list();
    }
}

package dev.twilioconnector.inbound.e2e;

import dev.twilioconnector.emulator.Message;
import dev.twilioconnector.emulator.Reply;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who gets an answer when several instances wait for the same person's message: the one that texted that
 * person last, else the one that has waited longest, one message one instance; {@code deliver: all} in the
 * trigger file still wakes them all.
 */
@SpringBootTest(classes = InboundTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:twilio-reply-routing;DB_CLOSE_DELAY=-1",
        "flowable.database-schema-update=true",
        "flowable.async-executor-activate=false",
        "twilio.triggers.location=classpath:e2e-triggers.yml"})
class ReplyRoutingTest extends EndToEndTest {

    private static final AtomicLong PHONES = new AtomicLong(5_551_240_000L);

    /** Each test texts with a phone of its own: the instances of earlier tests still wait in the same database. */
    private final String phone = "+1" + PHONES.incrementAndGet();

    @BeforeEach
    void textsReachThisApplication() {
        twilio.incomingWebhook(url("/twilio/sms"));
    }

    @Test
    void aReplyGoesToTheInstanceThatTextedThePersonLastAndTheNextReplyToTheOther() {
        String tuesday = remind("Tuesday 10:31");
        String wednesday = remind("Wednesday 10:32");
        assertThat(twilio.messages().sent()).extracting(Message::to).containsOnly(phone).hasSize(2);

        Reply first = twilio.phone(phone).text("yes");

        assertThat(first.text()).isEqualTo("Thanks, we noted yes.");
        assertThat(answer(wednesday)).isEqualTo("yes");
        assertThat(isWaiting(tuesday)).as("the earlier reminder still waits").isTrue();

        twilio.phone(phone).text("no");

        assertThat(answer(tuesday)).isEqualTo("no");
        assertThat(answer(wednesday)).as("the later reminder keeps its first answer").isEqualTo("yes");
    }

    @Test
    void withoutAnyTextFromThemTheInstanceThatHasWaitedLongestGetsTheReply() {
        String first = runtime.startProcessInstanceByKey("appointment", Map.of("customerPhone", phone)).getId();
        String second = runtime.startProcessInstanceByKey("appointment", Map.of("customerPhone", phone)).getId();

        twilio.phone(phone).text("yes");

        assertThat(repliedTask(first)).isTrue();
        assertThat(repliedTask(second)).isFalse();

        twilio.phone(phone).text("yes");

        assertThat(repliedTask(second)).isTrue();
    }

    @Test
    void anInstanceThatTextedThePersonGoesBeforeOneThatHasWaitedLonger() {
        String waitingLonger = runtime.startProcessInstanceByKey("appointment", Map.of("customerPhone", phone)).getId();
        String texted = remind("Friday 9:00");

        twilio.phone(phone).text("yes");

        assertThat(answer(texted)).isEqualTo("yes");
        assertThat(repliedTask(waitingLonger)).isFalse();
    }

    @Test
    void aBoundaryEventTakesTheReplyByTheSameRule() {
        String earlier = boundaryReminder("Monday 10:00");
        String later = boundaryReminder("Monday 11:00");

        twilio.phone(phone).text("yes");

        assertThat(answer(later)).isEqualTo("yes");
        assertThat(tasks.createTaskQuery().processInstanceId(earlier).singleResult().getTaskDefinitionKey())
                .as("the earlier reminder's clerk still works").isEqualTo("prepare");
    }

    @Test
    void anEventSubProcessTakesTheReplyByTheSameRule() {
        String earlier = runtime.startProcessInstanceByKey("subProcessReminder",
                Map.of("customerPhone", phone, "slot", "Tuesday 10:00", "appNumber", twilio.number())).getId();
        String later = runtime.startProcessInstanceByKey("subProcessReminder",
                Map.of("customerPhone", phone, "slot", "Tuesday 11:00", "appNumber", twilio.number())).getId();

        twilio.phone(phone).text("no");

        assertThat(tasks.createTaskQuery().processInstanceId(later).singleResult().getTaskDefinitionKey()).isEqualTo("replied2");
        assertThat(tasks.createTaskQuery().processInstanceId(earlier).singleResult().getTaskDefinitionKey()).isEqualTo("subPrepare");
    }

    @Test
    void aTriggerThatDeliversToAllWakesEveryWaitingInstance() {
        String one = runtime.startProcessInstanceByKey("announcement", Map.of("customerPhone", phone)).getId();
        String two = runtime.startProcessInstanceByKey("announcement", Map.of("customerPhone", phone)).getId();

        Reply reply = twilio.phone(phone).text("Announcement");

        assertThat(reply.text()).isEqualTo("Announced.");
        assertThat(tasks.createTaskQuery().processInstanceIdIn(List.of(one, two)).taskDefinitionKey("announced").count()).isEqualTo(2);
    }

    @RepeatedTest(5)
    void twoAnswersArrivingAtOnceWakeTwoInstancesOnceEach() throws Exception {
        String one = remind("Monday 8:00");
        String two = remind("Monday 9:00");
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Reply>> replies = List.of("yes", "yes").stream()
                .map(text -> CompletableFuture.supplyAsync(() -> {
                    awaitQuietly(start);
                    return twilio.phone(phone).text(text);
                })).toList();

        start.countDown();

        for (CompletableFuture<Reply> reply : replies) {
            assertThat(reply.get().text()).isEqualTo("Thanks, we noted yes.");
        }
        assertThat(answer(one)).isEqualTo("yes");
        assertThat(answer(two)).isEqualTo("yes");
    }

    private String remind(String slot) {
        return runtime.startProcessInstanceByKey("reminder", Map.of("customerPhone", phone, "slot", slot, "appNumber", twilio.number())).getId();
    }

    private String boundaryReminder(String slot) {
        return runtime.startProcessInstanceByKey("boundaryReminder", Map.of("customerPhone", phone, "slot", slot, "appNumber", twilio.number()))
                .getId();
    }

    private boolean isWaiting(String instance) {
        return runtime.createExecutionQuery().processInstanceId(instance).activityId("waitForReply").count() == 1;
    }

    private boolean repliedTask(String instance) {
        return tasks.createTaskQuery().processInstanceId(instance).taskDefinitionKey("replied").count() == 1;
    }

    /** The answer the instance was woken with, or {@code null} while it waits. */
    private String answer(String instance) {
        if (!repliedTask(instance)) {
            return null;
        }
        return ((JsonNode) runtime.getVariable(instance, "reply")).get("answer").asString();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

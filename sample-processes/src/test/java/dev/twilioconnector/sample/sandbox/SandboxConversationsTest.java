package dev.twilioconnector.sample.sandbox;

import dev.twilioconnector.core.Answer;
import dev.twilioconnector.emulator.TwilioEmulator;
import dev.twilioconnector.sample.console.Conversation;
import dev.twilioconnector.sample.console.ConversationMessage;
import dev.twilioconnector.sample.console.Conversations;
import dev.twilioconnector.sample.console.InstanceLink;
import org.flowable.engine.HistoryService;
import org.flowable.engine.RepositoryService;
import org.flowable.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The console's conversations in sandbox mode: one thread per phone, its messages in the order they went, each with
 * the process instance it belongs to: the one that sent it (the connector's conversation log), the one an answer woke
 * (its SID in a variable), none for the webhook's reply, whether the trigger's echo or a process's REPLY.
 */
class SandboxConversationsTest extends SandboxApplicationTest {

    private static final String REMINDED = "+15551237701";
    private static final String ANSWERING = "+15551237702";
    private static final String CONFIRMING = "+15551237703";

    @Autowired
    Conversations conversations;
    @Autowired
    TwilioEmulator sandbox;
    @Autowired
    RuntimeService runtime;
    @Autowired
    HistoryService history;
    @Autowired
    RepositoryService repository;

    @Test
    void eachPhoneHasAThreadWhoseMessagesNameTheirInstances() {
        repository.createDeployment().name("keepsTheAnswer").addClasspathResource("console/keepsTheAnswer.bpmn20.xml").enableDuplicateFiltering().deploy();
        String reminder = runtime.startProcessInstanceByKey("appointmentReminder", Map.of("customerPhone", REMINDED,
                "customerName", "Ada", "appointmentTime", "Tuesday 10:30")).getId();
        String waiting = runtime.startProcessInstanceByKey("keepsTheAnswer", Map.of("customerPhone", ANSWERING)).getId();

        assertThat(sandbox.phone(ANSWERING).text("YES").text()).isEqualTo("Thanks, we noted YES.");
        await().atMost(Duration.ofSeconds(10)).until(() -> history.createHistoricProcessInstanceQuery().processInstanceId(waiting)
                .finished().count() == 1);

        Answer<List<Conversation>> threads = conversations.newest();
        assertThat(threads.problem()).isNull();
        List<ConversationMessage> answered = thread(threads.value(), ANSWERING);
        assertThat(answered).extracting(ConversationMessage::text).containsExactly("YES", "Thanks, we noted YES.");
        assertThat(answered.get(0).isInbound()).isTrue();
        assertThat(answered.get(0).instances()).containsExactly(new InstanceLink(waiting, "keepsTheAnswer", false));
        assertThat(answered.get(1).isWebhookReply()).isTrue();
        assertThat(answered.get(1).instances()).as("the trigger's echo, sent by no instance").isEmpty();

        assertThat(thread(threads.value(), REMINDED)).singleElement().satisfies(sent -> {
            assertThat(sent.isInbound()).isFalse();
            assertThat(sent.text()).startsWith("Hi Ada, this is a reminder");
            assertThat(sent.instances()).containsExactly(new InstanceLink(reminder, "appointmentReminder", true));
        });
        runtime.deleteProcessInstance(reminder, "test done");
    }

    @Test
    void aReminderAnswersTheYesItWasWokenByInTheWebhooksReply() {
        String reminder = runtime.startProcessInstanceByKey("appointmentReminder", Map.of("customerPhone", CONFIRMING,
                "customerName", "Grace", "appointmentTime", "Friday 9:00")).getId();

        assertThat(sandbox.phone(CONFIRMING).text("yes").text()).as("the reminder's REPLY, not the trigger's echo")
                .isEqualTo("Great, see you on Friday 9:00!");

        List<ConversationMessage> thread = thread(conversations.newest().value(), CONFIRMING);
        assertThat(thread).extracting(ConversationMessage::text).containsExactly(
                "Hi Grace, this is a reminder of your appointment on Friday 9:00. Reply YES to confirm or NO to cancel.",
                "yes", "Great, see you on Friday 9:00!");
        InstanceLink ended = new InstanceLink(reminder, "appointmentReminder", false);
        assertThat(thread.get(0).instances()).containsExactly(ended);
        assertThat(thread.get(1).instances()).as("the instance the YES woke").containsExactly(ended);
        assertThat(thread.get(2).isWebhookReply()).isTrue();
    }

    private static List<ConversationMessage> thread(List<Conversation> threads, String phone) {
        return threads.stream().filter(conversation -> conversation.phone().equals(phone)).findFirst()
                .orElseThrow(() -> new AssertionError("no thread for " + phone + " in " + threads)).messages();
    }
}

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
 * (its SID in a variable, which this test's process maps), none for the webhook's echo.
 */
class SandboxConversationsTest extends SandboxApplicationTest {

    private static final String REMINDED = "+15551237701";
    private static final String ANSWERING = "+15551237702";

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

    private static List<ConversationMessage> thread(List<Conversation> threads, String phone) {
        return threads.stream().filter(conversation -> conversation.phone().equals(phone)).findFirst()
                .orElseThrow(() -> new AssertionError("no thread for " + phone + " in " + threads)).messages();
    }
}

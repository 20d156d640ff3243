package dev.twilioconnector.flowable.inbound;

import dev.twilioconnector.flowable.conversation.AnsweredMessage;
import org.flowable.common.engine.impl.interceptor.EngineConfigurationConstants;
import org.flowable.engine.ProcessEngineConfiguration;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.TaskService;
import org.flowable.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.flowable.engine.runtime.Execution;
import org.flowable.engine.runtime.ProcessInstance;
import org.flowable.engine.test.Deployment;
import org.flowable.engine.test.FlowableTest;
import org.flowable.eventregistry.api.EventDefinition;
import org.flowable.eventregistry.api.EventRepositoryService;
import org.flowable.eventregistry.impl.EventRegistryEngineConfiguration;
import org.flowable.eventregistry.model.EventModel;
import org.flowable.eventregistry.model.EventPayload;
import org.flowable.eventregistry.model.InboundChannelModel;
import org.flowable.task.api.Task;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

@FlowableTest
class SmsReceivedEventTest {

    private static final String MODELS = "dev/twilioconnector/flowable/inbound/";
    private static final String TWILIO_NUMBER = "+15005550006";
    private static final String OTHER_NUMBER = "+15005550007";
    private static final String ADA = "+15551230001";
    private static final String BOB = "+15551230002";

    @Test
    void theEventDefinitionAndItsInboundChannelAreDeployedWhenTheEngineStarts(ProcessEngineConfiguration configuration) {
        EventRepositoryService repository = eventRegistry(configuration).getEventRepositoryService();

        List<EventDefinition> events = repository.createEventDefinitionQuery().eventDefinitionKey(SmsReceivedEvent.EVENT_KEY).list();
        assertThat(events).hasSize(1);
        assertThat(repository.createChannelDefinitionQuery().channelDefinitionKey(SmsReceivedEvent.CHANNEL_KEY).onlyInbound().count())
                .isEqualTo(1);
        assertThat(repository.createDeploymentQuery().deploymentId(events.get(0).getDeploymentId()).singleResult().getName())
                .isEqualTo(SmsEventDefinitions.DEPLOYMENT_NAME);

        InboundChannelModel channel = SmsEventDefinitions.channel(engine(configuration));
        assertThat(channel.getKey()).isEqualTo(SmsReceivedEvent.CHANNEL_KEY);

        EventModel event = repository.getEventModelByKey(SmsReceivedEvent.EVENT_KEY);
        assertThat(event.getCorrelationParameters()).extracting(EventPayload::getName)
                .containsExactlyInAnyOrder(SmsReceivedEvent.TRIGGER, SmsReceivedEvent.FROM, SmsReceivedEvent.TO);
        assertThat(event.getPayload()).extracting(EventPayload::getName, EventPayload::getType).contains(
                tuple(SmsReceivedEvent.TRIGGER, "string"),
                tuple(SmsReceivedEvent.FROM, "string"),
                tuple(SmsReceivedEvent.TO, "string"),
                tuple(SmsReceivedEvent.ORIGINAL_MESSAGE, "string"),
                tuple(SmsReceivedEvent.MATCH_GROUPS, "json"),
                tuple(SmsReceivedEvent.MESSAGE_SID, "string"),
                tuple(SmsReceivedEvent.MEDIA_URLS, "json"));
    }

    @Test
    void deployingTheDefinitionsAgainKeepsOneVersion(ProcessEngineConfiguration configuration) {
        EventRepositoryService repository = eventRegistry(configuration).getEventRepositoryService();
        EventDefinition before = repository.createEventDefinitionQuery().eventDefinitionKey(SmsReceivedEvent.EVENT_KEY).singleResult();

        SmsEventDefinitions.deploy(engine(configuration));
        SmsEventDefinitions.deploy(engine(configuration));

        assertThat(repository.createEventDefinitionQuery().eventDefinitionKey(SmsReceivedEvent.EVENT_KEY).list())
                .extracting(EventDefinition::getId, EventDefinition::getVersion)
                .containsExactly(tuple(before.getId(), before.getVersion()));
        assertThat(repository.createChannelDefinitionQuery().channelDefinitionKey(SmsReceivedEvent.CHANNEL_KEY).count()).isEqualTo(1);
        assertThat(repository.createDeploymentQuery().deploymentName(SmsEventDefinitions.DEPLOYMENT_NAME).count()).isEqualTo(1);
    }

    @Test
    @Deployment(resources = MODELS + "smsOrderStatus.bpmn20.xml")
    void anEventForTheTriggerStartsTheProcessWithTheMatchGroups(ProcessEngineConfiguration configuration,
                                                                 RuntimeService runtime, TaskService tasks) {
        ObjectMapper json = json(configuration);

        publish(configuration, "orderStatus", ADA, "Order Number 4711", json.createObjectNode().put("orderNumber", "4711"));

        List<ProcessInstance> instances = runtime.createProcessInstanceQuery().processDefinitionKey("smsOrderStatus").list();
        assertThat(instances).hasSize(1);
        String pid = instances.get(0).getId();
        Map<String, Object> variables = runtime.getVariables(pid);
        assertThat(variables).contains(
                entry("from", ADA),
                entry("originalMessage", "Order Number 4711"),
                entry("orderNumber", "4711"));
        assertThat(variables.get("matchGroups")).isInstanceOf(JsonNode.class);
        assertThat(((JsonNode) variables.get("matchGroups")).get("orderNumber").asString()).isEqualTo("4711");
        assertThat(variables).as("only the mapped fields become variables").doesNotContainKeys("to", "trigger", "messageSid");
        Task task = tasks.createTaskQuery().processInstanceId(pid).singleResult();
        assertThat(task.getTaskDefinitionKey()).isEqualTo("lookUpOrder");
        assertThat(task.getName()).isEqualTo("Look up order 4711");
    }

    @Test
    @Deployment(resources = MODELS + "smsOrderStatus.bpmn20.xml")
    void anEventForAnotherTriggerStartsNothing(ProcessEngineConfiguration configuration, RuntimeService runtime) {
        ObjectMapper json = json(configuration);

        publish(configuration, "cancelOrder", ADA, "Cancel 4711", json.createObjectNode().put("orderNumber", "4711"));
        publish(configuration, "confirm", ADA, "YES", json.createObjectNode().put("answer", "YES"));

        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("smsOrderStatus").count()).isZero();

        publish(configuration, "orderStatus", BOB, "Order Number 42", json.createObjectNode().put("orderNumber", "42"));
        publish(configuration, "orderStatus", ADA, "Order Number 43", json.createObjectNode().put("orderNumber", "43"));

        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("smsOrderStatus").list())
                .extracting(instance -> runtime.getVariable(instance.getId(), "orderNumber"))
                .containsExactlyInAnyOrder("42", "43");
    }

    @Test
    @Deployment(resources = MODELS + "smsConfirm.bpmn20.xml")
    void aWaitingInstanceIsWokenOnlyByAReplyFromItsOwnNumber(ProcessEngineConfiguration configuration,
                                                              RuntimeService runtime, TaskService tasks) {
        ObjectMapper json = json(configuration);
        String ada = runtime.startProcessInstanceByKey("smsConfirm", Map.of("customerPhone", ADA)).getId();
        String bob = runtime.startProcessInstanceByKey("smsConfirm", Map.of("customerPhone", BOB)).getId();
        assertThat(waitingForReply(runtime, ada)).isTrue();
        assertThat(waitingForReply(runtime, bob)).isTrue();

        publish(configuration, "somethingElse", BOB, "YES", json.createObjectNode().put("answer", "YES"));
        assertThat(waitingForReply(runtime, bob)).as("another trigger from the right number").isTrue();

        publish(configuration, "confirm", BOB, "YES please", json.createObjectNode().put("answer", "YES"));

        assertThat(waitingForReply(runtime, bob)).isFalse();
        assertThat(tasks.createTaskQuery().processInstanceId(bob).singleResult().getTaskDefinitionKey()).isEqualTo("confirmed");
        Object reply = runtime.getVariable(bob, "reply");
        assertThat(reply).isInstanceOf(JsonNode.class);
        assertThat(((JsonNode) reply).get("answer").asString()).isEqualTo("YES");

        assertThat(waitingForReply(runtime, ada)).as("Ada has not answered").isTrue();
        assertThat(tasks.createTaskQuery().processInstanceId(ada).count()).isZero();
        assertThat(runtime.getVariable(ada, "reply")).isNull();

        publish(configuration, "confirm", ADA, "yes", json.createObjectNode().put("answer", "yes"));

        assertThat(waitingForReply(runtime, ada)).isFalse();
        assertThat(((JsonNode) runtime.getVariable(ada, "reply")).get("answer").asString()).isEqualTo("yes");
    }

    @Test
    @Deployment(resources = MODELS + "smsConversation.bpmn20.xml")
    void everyElementThatTakesAMessageKeepsItForAReply(ProcessEngineConfiguration configuration, RuntimeService runtime) {
        ObjectMapper json = json(configuration);

        String hello = publish(configuration, "hello", ADA, TWILIO_NUMBER, "Hello", json.createObjectNode());

        String pid = runtime.createProcessInstanceQuery().processDefinitionKey("smsConversation").singleResult().getId();
        assertThat(answered(runtime, pid)).as("the start event's message").containsExactly(hello, ADA, TWILIO_NUMBER);

        String change = publish(configuration, "change", ADA, OTHER_NUMBER, "Change", json.createObjectNode());

        assertThat(runtime.createExecutionQuery().processInstanceId(pid).activityId("waitForBye").count()).isEqualTo(1);
        assertThat(answered(runtime, pid)).as("the boundary event's message").containsExactly(change, ADA, OTHER_NUMBER);

        String bye = publish(configuration, "bye", ADA, TWILIO_NUMBER, "Bye", json.createObjectNode());

        assertThat(runtime.createExecutionQuery().processInstanceId(pid).activityId("saidBye").count()).isEqualTo(1);
        assertThat(answered(runtime, pid)).as("the catch event's message").containsExactly(bye, ADA, TWILIO_NUMBER);
    }

    private static List<Object> answered(RuntimeService runtime, String processInstanceId) {
        Map<String, Object> variables = runtime.getVariables(processInstanceId);
        return Arrays.asList(variables.get(AnsweredMessage.SID_VARIABLE), variables.get(AnsweredMessage.FROM_VARIABLE),
                variables.get(AnsweredMessage.TO_VARIABLE));
    }

    private static boolean waitingForReply(RuntimeService runtime, String processInstanceId) {
        List<Execution> waiting = runtime.createExecutionQuery().processInstanceId(processInstanceId).activityId("waitForReply").list();
        return !waiting.isEmpty();
    }

    /** Hands an event to the registry as JSON on the plugin's inbound channel. */
    private static void publish(ProcessEngineConfiguration configuration, String trigger, String from, String body, ObjectNode groups) {
        publish(configuration, trigger, from, TWILIO_NUMBER, body, groups);
    }

    /** @return the message's SID */
    private static String publish(ProcessEngineConfiguration configuration, String trigger, String from, String to, String body,
                                  ObjectNode groups) {
        ObjectMapper json = json(configuration);
        String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
        ObjectNode event = json.createObjectNode()
                .put(SmsReceivedEvent.TRIGGER, trigger)
                .put(SmsReceivedEvent.FROM, from)
                .put(SmsReceivedEvent.TO, to)
                .put(SmsReceivedEvent.ORIGINAL_MESSAGE, body)
                .put(SmsReceivedEvent.MESSAGE_SID, sid);
        event.set(SmsReceivedEvent.MATCH_GROUPS, groups);
        event.set(SmsReceivedEvent.MEDIA_URLS, json.createArrayNode());
        eventRegistry(configuration).getEventRegistry()
                .eventReceived(SmsEventDefinitions.channel(engine(configuration)), json.writeValueAsString(event));
        return sid;
    }

    private static ProcessEngineConfigurationImpl engine(ProcessEngineConfiguration configuration) {
        return (ProcessEngineConfigurationImpl) configuration;
    }

    private static ObjectMapper json(ProcessEngineConfiguration configuration) {
        return engine(configuration).getObjectMapper();
    }

    private static EventRegistryEngineConfiguration eventRegistry(ProcessEngineConfiguration configuration) {
        return (EventRegistryEngineConfiguration) engine(configuration).getEngineConfigurations()
                .get(EngineConfigurationConstants.KEY_EVENT_REGISTRY_CONFIG);
    }
}

package dev.twilioconnector.flowable;

import org.flowable.engine.HistoryService;
import org.flowable.engine.ManagementService;
import org.flowable.engine.ProcessEngineConfiguration;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.TaskService;
import org.flowable.engine.runtime.ProcessInstance;
import org.flowable.engine.test.Deployment;
import org.flowable.engine.test.FlowableTest;
import org.flowable.job.api.Job;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import static dev.twilioconnector.flowable.ProcessOutputs.engineJson;
import static dev.twilioconnector.flowable.ProcessOutputs.json;
import static dev.twilioconnector.flowable.ProcessOutputs.ofEnded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

@FlowableTest
class SendSmsTest extends EngineTestBase {

    private static final String SENDER = "+15005550006";

    @Test
    @Deployment(resources = "dev/twilioconnector/flowable/sendSms.bpmn20.xml")
    void sendsTheRenderedBodyToOneRecipient(RuntimeService runtime, HistoryService history, ProcessEngineConfiguration configuration) {
        ProcessInstance instance = runtime.startProcessInstanceByKey("sendSms",
                orderVariables(configuration, "+15551230001", false));

        Map<String, Object> variables = ofEnded(history, instance.getId());
        JsonNode result = json(variables.get("twilioResult"));
        assertThat(result).hasSize(1);
        assertThat(result.get(0).get("to").asString()).isEqualTo("+15551230001");
        assertThat(result.get(0).get("sid").asString()).startsWith("SM").hasSize(34);
        assertThat(result.get(0).get("status").asString()).isEqualTo("queued");
        assertThat(result.get(0).propertyNames()).containsExactly("to", "sid", "status");
        assertThat(variables).containsEntry("twilioError", null);
        assertThat(sent()).containsExactly(
                new SentMessage("+15551230001", SENDER, null, "Hi Ada, order 4711 ships today. (+15551230001)", authorization()));
    }

    @Test
    @Deployment(resources = "dev/twilioconnector/flowable/sendSms.bpmn20.xml")
    void rendersJsonVariablesConditionsAndTheRecipient(RuntimeService runtime, HistoryService history,
                                                       ProcessEngineConfiguration configuration) {
        ProcessInstance instance = runtime.startProcessInstanceByKey("sendSms",
                orderVariables(configuration, "+15551230001,+15551230002", true));

        ofEnded(history, instance.getId());
        assertThat(sent()).extracting(SentMessage::body).containsExactlyInAnyOrder(
                "Hi Ada, order 4711 ships today. Thank you for being a VIP! (+15551230001)",
                "Hi Ada, order 4711 ships today. Thank you for being a VIP! (+15551230002)");
    }

    @ParameterizedTest(name = "given as {0}")
    @MethodSource
    @Deployment(resources = "dev/twilioconnector/flowable/sendSms.bpmn20.xml")
    void sendsToThreeRecipients(Function<ProcessEngineConfiguration, Object> phones, RuntimeService runtime, HistoryService history,
                                ProcessEngineConfiguration configuration) {
        String pid = runtime.startProcessInstanceByKey("sendSms", orderVariables(configuration, phones.apply(configuration), false)).getId();

        assertThreeSent(history, pid);
    }

    static Stream<Arguments> sendsToThreeRecipients() {
        return Stream.of(
                phones("text", configuration -> "+15551230001, +15551230002;\n+15551230003"),
                phones("a collection", configuration -> new java.util.ArrayList<>(List.of("+15551230001", "+15551230002", "+15551230003"))),
                phones("a JSON variable", configuration ->
                        engineJson(configuration).createArrayNode().add("+15551230001").add("+15551230002").add("+15551230003")),
                phones("JSON text", configuration -> "[\"+15551230001\", \"+15551230002\", \"+15551230003\"]"));
    }

    private static Arguments phones(String form, Function<ProcessEngineConfiguration, Object> phones) {
        return arguments(named(form, phones));
    }

    @Test
    @Deployment(resources = "dev/twilioconnector/flowable/sendSmsFromVariables.bpmn20.xml")
    void takesEveryInputFromVariablesWhenTheTaskHasNoFields(RuntimeService runtime, HistoryService history) {
        String pid = runtime.startProcessInstanceByKey("sendSmsFromVariables", Map.of(
                "smsFrom", "+15005550009", "smsTo", "+15551230001", "smsBody", "Table for ${guests} at ${time}",
                "guests", 4, "time", "19:30")).getId();

        assertThat(ofEnded(history, pid)).containsEntry("twilioError", null);
        assertThat(sent()).containsExactly(
                new SentMessage("+15551230001", "+15005550009", null, "Table for 4 at 19:30", authorization()));
    }

    @Test
    @Deployment(resources = "dev/twilioconnector/flowable/sendSmsFieldsOverVariables.bpmn20.xml")
    void prefersFieldsOverVariablesOfTheSameName(RuntimeService runtime, HistoryService history) {
        String pid = runtime.startProcessInstanceByKey("sendSmsFieldsOverVariables", Map.of(
                "smsFrom", "+15005550009", "smsTo", "+15551230001", "smsBody", "from the variable", "ticket", 42)).getId();

        assertThat(ofEnded(history, pid)).containsEntry("twilioError", null);
        assertThat(sent()).containsExactly(new SentMessage("+15551230001", SENDER, null, "Ticket 42 is solved.", authorization()));
    }

    @Test
    @Deployment(resources = "dev/twilioconnector/flowable/sendSmsAsync.bpmn20.xml")
    void sendsFromAnAsyncJob(RuntimeService runtime, HistoryService history, ManagementService management) {
        String pid = runtime.startProcessInstanceByKey("sendSmsAsync",
                Map.of("phones", "+15551230001", "code", "884213", "smsFrom", SENDER)).getId();
        assertThat(sent()).as("nothing is sent before the job runs").isEmpty();

        Job job = management.createJobQuery().processInstanceId(pid).singleResult();
        management.executeJob(job.getId());

        assertThat(ofEnded(history, pid)).containsEntry("twilioError", null);
        assertThat(sent()).containsExactly(new SentMessage("+15551230001", SENDER, null, "Your code is 884213", authorization()));
    }

    @Test
    @Deployment(resources = "dev/twilioconnector/flowable/sendSmsMultiInstance.bpmn20.xml")
    void sendsOncePerMultiInstanceElement(RuntimeService runtime, HistoryService history, ProcessEngineConfiguration configuration) {
        ArrayNode guests = engineJson(configuration).createArrayNode();
        guests.addObject().put("name", "Ada").put("phone", "+15551230001");
        guests.addObject().put("name", "Alan").put("phone", "+15551230002");
        guests.addObject().put("name", "Grace").put("phone", "+15551230003");
        String pid = runtime.startProcessInstanceByKey("sendSmsMultiInstance",
                Map.of("guests", List.of(guests.get(0), guests.get(1), guests.get(2)))).getId();

        Map<String, Object> variables = ofEnded(history, pid);
        assertThat(json(variables.get("guestResult"))).hasSize(1);
        assertThat(sent()).extracting(SentMessage::to, SentMessage::body).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("+15551230001", "Dear Ada, your table is ready."),
                org.assertj.core.groups.Tuple.tuple("+15551230002", "Dear Alan, your table is ready."),
                org.assertj.core.groups.Tuple.tuple("+15551230003", "Dear Grace, your table is ready."));
    }

    @Test
    @Deployment(resources = "dev/twilioconnector/flowable/sendSmsFailOnError.bpmn20.xml")
    void throwsTwilioErrorToABoundaryEventAfterSettingBothVariables(RuntimeService runtime, TaskService tasks) {
        String pid = runtime.startProcessInstanceByKey("sendSmsFailOnError",
                Map.of("phones", "+15551230001,not-a-number")).getId();

        assertThat(tasks.createTaskQuery().processInstanceId(pid).singleResult().getTaskDefinitionKey()).isEqualTo("fixNumbers");
        assertThat(json(runtime.getVariable(pid, "twilioResult"))).hasSize(1);
        JsonNode error = json(runtime.getVariable(pid, "twilioError"));
        assertThat(error).hasSize(1);
        assertThat(error.get(0).get("to").asString()).isEqualTo("not-a-number");
        assertThat(error.get(0).get("code").asInt()).isEqualTo(21211);
        assertThat(sent()).extracting(SentMessage::to).containsExactly("+15551230001");
    }

    @Test
    @Deployment(resources = "dev/twilioconnector/flowable/sendSmsFailOnError.bpmn20.xml")
    void leavesNormallyWithFailOnErrorWhenAllIsWell(RuntimeService runtime, HistoryService history) {
        String pid = runtime.startProcessInstanceByKey("sendSmsFailOnError", Map.of("phones", "+15551230001")).getId();

        assertThat(ofEnded(history, pid)).containsEntry("twilioError", null);
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(pid).activityId("delivered").count()).isEqualTo(1);
    }

    @Test
    @Deployment(resources = "dev/twilioconnector/flowable/sendSmsCustomVariables.bpmn20.xml")
    void writesToTheVariablesTheTaskNames(RuntimeService runtime, HistoryService history) {
        String pid = runtime.startProcessInstanceByKey("sendSmsCustomVariables", Map.of("phones", "+15551230001 12345")).getId();

        Map<String, Object> variables = ofEnded(history, pid);
        assertThat(variables).doesNotContainKeys("twilioResult", "twilioError");
        assertThat(json(variables.get("reminderReceipts"))).hasSize(1);
        assertThat(json(variables.get("reminderProblems")).get(0).get("to").asString()).isEqualTo("12345");
    }

    private static Map<String, Object> orderVariables(ProcessEngineConfiguration configuration, Object phones, boolean vip) {
        ObjectNode customer = engineJson(configuration).createObjectNode().put("name", "Ada").put("vip", vip);
        Map<String, Object> variables = new HashMap<>();
        variables.put("phones", phones);
        variables.put("customer", customer);
        variables.put("orderId", 4711);
        return variables;
    }

    private void assertThreeSent(HistoryService history, String pid) {
        Map<String, Object> variables = ofEnded(history, pid);
        assertThat(variables).containsEntry("twilioError", null);
        assertThat(json(variables.get("twilioResult"))).extracting(node -> node.get("to").asString())
                .containsExactlyInAnyOrder("+15551230001", "+15551230002", "+15551230003");
        assertThat(sent()).extracting(SentMessage::to, SentMessage::from, SentMessage::authorization).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("+15551230001", SENDER, authorization()),
                org.assertj.core.groups.Tuple.tuple("+15551230002", SENDER, authorization()),
                org.assertj.core.groups.Tuple.tuple("+15551230003", SENDER, authorization()));
    }
}

package dev.twilioconnector.flowable;

import org.flowable.engine.HistoryService;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.TaskService;
import org.flowable.engine.test.Deployment;
import org.flowable.engine.test.FlowableTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.twilioconnector.flowable.ProcessOutputs.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code flowable:mapException} on a connector task: the exception the task throws ({@code failOnError}'s
 * {@code TwilioProblemException}, or any other) becomes the BPMN error the model maps it to, as for Flowable's own
 * Java service tasks; unmapped, {@code failOnError} still throws {@code TWILIO_ERROR}.
 */
@FlowableTest
class MapExceptionTest extends EngineTestBase {

    @Test
    @Deployment(resources = "dev/twilioconnector/flowable/sendSmsMapException.bpmn20.xml")
    void failOnErrorsExceptionGoesToTheBoundaryEventOfTheMappedCode(RuntimeService runtime, TaskService tasks) {
        String pid = runtime.startProcessInstanceByKey("sendSmsMapException", Map.of("phones", "+15551230001,not-a-number")).getId();

        assertThat(waitingAt(tasks, pid)).as("SMS_REFUSED caught, TWILIO_ERROR not thrown").isEqualTo("callCustomer");
        assertThat(json(runtime.getVariable(pid, "twilioError"))).singleElement()
                .satisfies(problem -> assertThat(problem.get("to").asString()).isEqualTo("not-a-number"));
        assertThat(sent()).extracting(SentMessage::to).containsExactly("+15551230001");
    }

    @Test
    @Deployment(resources = "dev/twilioconnector/flowable/sendSmsMapException.bpmn20.xml")
    void aMappedTaskWithoutProblemsThrowsNothing(RuntimeService runtime, HistoryService history) {
        String pid = runtime.startProcessInstanceByKey("sendSmsMapException", Map.of("phones", "+15551230001")).getId();

        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(pid).activityId("delivered").finished().count())
                .isEqualTo(1);
    }

    @Test
    @Deployment(resources = "dev/twilioconnector/flowable/sendSmsMapOtherException.bpmn20.xml")
    void failOnErrorThrowsTwilioErrorWhenNoEntryMapsItsException(RuntimeService runtime, TaskService tasks) {
        String pid = runtime.startProcessInstanceByKey("sendSmsMapOtherException", Map.of("phones", "not-a-number")).getId();

        assertThat(waitingAt(tasks, pid)).isEqualTo("fixNumbers");
        assertThat(json(runtime.getVariable(pid, "twilioError")).get(0).get("code").asInt()).isEqualTo(21211);
        assertThat(sent()).isEmpty();
    }

    @Test
    @Deployment(resources = "dev/twilioconnector/flowable/getMessageMapException.bpmn20.xml")
    void everyActionMapsAndADefaultMappingTakesFailOnErrorsException(RuntimeService runtime, TaskService tasks) {
        String pid = runtime.startProcessInstanceByKey("getMessageMapException",
                Map.of("messageSid", "CA123", "errorVariableName", "lookupProblem")).getId();

        assertThat(waitingAt(tasks, pid)).isEqualTo("checkSid");
        assertThat(json(runtime.getVariable(pid, "lookupProblem")).get(0).get("message").asString())
                .isEqualTo("messageSid 'CA123' is not a message SID (SM or MM and 32 hex digits)");
        assertThat(twilio.requests().size()).isZero();
    }

    @Test
    @Deployment(resources = "dev/twilioconnector/flowable/getMessageMapException.bpmn20.xml")
    void anExceptionOfTheEngineMapsByItsClass(RuntimeService runtime, TaskService tasks) {
        // errorVariable's expression names a variable the process does not have: the engine throws.
        String pid = runtime.startProcessInstanceByKey("getMessageMapException", Map.of("messageSid", "CA123")).getId();

        assertThat(waitingAt(tasks, pid)).isEqualTo("fixModel");
    }

    private static String waitingAt(TaskService tasks, String processInstanceId) {
        return tasks.createTaskQuery().processInstanceId(processInstanceId).singleResult().getTaskDefinitionKey();
    }
}

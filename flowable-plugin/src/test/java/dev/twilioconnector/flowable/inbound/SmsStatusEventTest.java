package dev.twilioconnector.flowable.inbound;

import dev.twilioconnector.flowable.EngineTestBase;
import org.flowable.common.engine.impl.interceptor.EngineConfigurationConstants;
import org.flowable.engine.HistoryService;
import org.flowable.engine.ManagementService;
import org.flowable.engine.ProcessEngineConfiguration;
import org.flowable.engine.TaskService;
import org.flowable.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.flowable.engine.test.Deployment;
import org.flowable.engine.test.FlowableTest;
import org.flowable.eventregistry.impl.EventRegistryEngineConfiguration;
import org.flowable.eventregistry.model.EventModel;
import org.flowable.eventregistry.model.EventPayload;
import org.flowable.job.api.Job;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** SMS_STATUS: a process sends an SMS and waits for Twilio's report on that very message, with a timer fallback. */
@FlowableTest
class SmsStatusEventTest extends EngineTestBase {

    private static final String PROCESS = "dev/twilioconnector/flowable/inbound/sendAndAwaitDelivery.bpmn20.xml";
    private static final String ADA = "+15551230001";

    private ProcessEngineConfigurationImpl engine;

    @BeforeEach
    void setUp(ProcessEngineConfiguration configuration) {
        this.engine = (ProcessEngineConfigurationImpl) configuration;
    }

    @Test
    void theEventIsDeployedWithItsCorrelationParameters() {
        EventModel event = eventRegistry().getEventRepositoryService().getEventModelByKey(SmsStatusEvent.EVENT_KEY);

        assertThat(event.getCorrelationParameters()).extracting(EventPayload::getName)
                .containsExactlyInAnyOrder(SmsStatusEvent.MESSAGE_SID, SmsStatusEvent.TO, SmsStatusEvent.STATUS);
        assertThat(event.getPayload()).extracting(EventPayload::getName, EventPayload::getType).contains(
                tuple(SmsStatusEvent.ERROR_CODE, "integer"), tuple(SmsStatusEvent.FROM, "string"));
        assertThat(SmsEventDefinitions.statusChannel(engine).getKey()).isEqualTo(SmsStatusEvent.CHANNEL_KEY);
    }

    @Test
    @Deployment(resources = PROCESS)
    void theDeliveredReportOfItsOwnMessageEndsTheWait(HistoryService history) {
        String pid = runtime.startProcessInstanceByKey("sendAndAwaitDelivery", Map.of("phone", ADA)).getId();
        String sid = (String) runtime.getVariable(pid, "messageSid");
        assertThat(sid).matches("SM[0-9a-fA-F]{32}");

        publish("SM00000000000000000000000000000bad", "delivered", null);
        publish(sid, "sent", null);
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(pid).count()).as("still waiting").isOne();

        publish(sid, "delivered", null);

        assertThat(runtime.createProcessInstanceQuery().processInstanceId(pid).count()).isZero();
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(pid).activityId("delivered").count()).isOne();
    }

    @Test
    @Deployment(resources = PROCESS)
    void anUndeliveredReportHandsTheErrorCodeToTheProcess(TaskService tasks) {
        String pid = runtime.startProcessInstanceByKey("sendAndAwaitDelivery", Map.of("phone", ADA)).getId();

        publish((String) runtime.getVariable(pid, "messageSid"), "undelivered", 30003);

        assertThat(tasks.createTaskQuery().processInstanceId(pid).singleResult().getTaskDefinitionKey()).isEqualTo("callInstead");
        assertThat(runtime.getVariable(pid, "deliveryErrorCode")).isEqualTo(30003);
    }

    @Test
    @Deployment(resources = PROCESS)
    void withoutAReportTheTimerTakesOver(ManagementService management, TaskService tasks) {
        String pid = runtime.startProcessInstanceByKey("sendAndAwaitDelivery", Map.of("phone", ADA)).getId();

        Job timer = management.createTimerJobQuery().processInstanceId(pid).singleResult();
        management.moveTimerToExecutableJob(timer.getId());
        management.executeJob(timer.getId());

        assertThat(tasks.createTaskQuery().processInstanceId(pid).singleResult().getTaskDefinitionKey()).isEqualTo("checkByHand");
        assertThat(runtime.createEventSubscriptionQuery().processInstanceId(pid).list()).as("the report no longer wakes it").isEmpty();
    }

    /** Hands a report to the registry the way the status webhook does: JSON on the plugin's status channel. */
    private void publish(String messageSid, String status, Integer errorCode) {
        ObjectNode event = engine.getObjectMapper().createObjectNode()
                .put(SmsStatusEvent.MESSAGE_SID, messageSid)
                .put(SmsStatusEvent.STATUS, status)
                .put(SmsStatusEvent.TO, ADA)
                .put(SmsStatusEvent.FROM, "+15005550006");
        if (errorCode != null) {
            event.put(SmsStatusEvent.ERROR_CODE, errorCode);
        }
        eventRegistry().getEventRegistry().eventReceived(SmsEventDefinitions.statusChannel(engine), event.toString());
    }

    private EventRegistryEngineConfiguration eventRegistry() {
        return (EventRegistryEngineConfiguration) engine.getEngineConfigurations().get(EngineConfigurationConstants.KEY_EVENT_REGISTRY_CONFIG);
    }
}

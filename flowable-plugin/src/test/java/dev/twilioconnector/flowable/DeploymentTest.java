package dev.twilioconnector.flowable;

import org.flowable.bpmn.converter.BpmnXMLConverter;
import org.flowable.bpmn.model.BpmnModel;
import org.flowable.bpmn.model.ServiceTask;
import org.flowable.common.engine.api.FlowableException;
import org.flowable.engine.HistoryService;
import org.flowable.engine.RepositoryService;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.test.Deployment;
import org.flowable.engine.test.FlowableTest;
import org.flowable.common.engine.impl.util.io.InputStreamSource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static dev.twilioconnector.flowable.ProcessOutputs.ofEnded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@FlowableTest
class DeploymentTest {

    private static final String MODELS = "dev/twilioconnector/flowable/";

    @Test
    void refusesAnUnknownActionNamingTheTaskAndTheKnownActions(RepositoryService repository) {
        assertThatThrownBy(() -> repository.createDeployment().addClasspathResource(MODELS + "unknownAction.bpmn20.xml").deploy())
                .isInstanceOf(FlowableException.class)
                .hasMessageContaining("Service task 'fax' names the unknown Twilio action 'twilioConnector.SEND_FAX'")
                .hasMessageContaining("known actions: twilioConnector.SEND_SMS");
        assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("unknownAction").count()).isZero();
    }

    @Test
    void refusesAFieldTheActionDoesNotRead(RepositoryService repository) {
        assertThatThrownBy(() -> repository.createDeployment().addClasspathResource(MODELS + "unknownField.bpmn20.xml").deploy())
                .isInstanceOf(FlowableException.class)
                .hasMessageContaining("Service task 'notify' (twilioConnector.SEND_SMS) has the field 'smsBdy'")
                .hasMessageContaining("smsBody");
    }

    @Test
    void refusesAFieldReplyDoesNotReadNamingItsOwn(RepositoryService repository) {
        assertThatThrownBy(() -> repository.createDeployment().addClasspathResource(MODELS + "replyWithRecipient.bpmn20.xml").deploy())
                .isInstanceOf(FlowableException.class)
                .hasMessageContaining("Service task 'answer' (twilioConnector.REPLY) has the field 'smsTo', which that action does not "
                        + "read; its fields: errorVariable, failOnError, resultVariable, smsBody, smsMediaUrl");
        assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("replyWithRecipient").count()).isZero();
    }

    @Test
    @Deployment(resources = MODELS + "ordinaryServiceTask.bpmn20.xml")
    void leavesOrdinaryServiceTasksAsTheyWere(RuntimeService runtime, HistoryService history) {
        String pid = runtime.startProcessInstanceByKey("ordinaryServiceTask").getId();

        assertThat(ofEnded(history, pid)).containsEntry("answer", 42L);
    }

    @Test
    void keepsTheImplementationAttributeThroughAnXmlRoundTrip() {
        BpmnXMLConverter converter = new BpmnXMLConverter();
        BpmnModel model = converter.convertToBpmnModel(
                new InputStreamSource(getClass().getClassLoader().getResourceAsStream(MODELS + "sendSms.bpmn20.xml")), true, false);
        ServiceTask task = (ServiceTask) model.getFlowElement("notify");
        assertThat(task.getImplementation()).isEqualTo("twilioConnector.SEND_SMS");

        String exported = new String(converter.convertToXML(model), StandardCharsets.UTF_8);

        assertThat(exported).contains("implementation=\"twilioConnector.SEND_SMS\"");
        BpmnModel reimported = converter.convertToBpmnModel(
                new InputStreamSource(new java.io.ByteArrayInputStream(exported.getBytes(StandardCharsets.UTF_8))), true, false);
        assertThat(((ServiceTask) reimported.getFlowElement("notify")).getImplementation()).isEqualTo("twilioConnector.SEND_SMS");
    }
}

package dev.twilioconnector.flowable.bpmn;

import dev.twilioconnector.core.settings.TwilioSettings;
import dev.twilioconnector.flowable.TwilioConnectorConfigurator;
import org.flowable.bpmn.model.BpmnModel;
import org.flowable.bpmn.model.Process;
import org.flowable.bpmn.model.ServiceTask;
import org.flowable.common.engine.api.FlowableException;
import org.flowable.engine.ProcessEngine;
import org.flowable.engine.RepositoryService;
import org.flowable.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.flowable.validation.ValidationError;
import org.flowable.validation.validator.impl.ServiceTaskValidator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A service-task validator the application set keeps working beside the connector's checks. */
class ApplicationValidatorTest {

    private static StandaloneInMemProcessEngineConfiguration configuration;
    private static ProcessEngine engine;

    /** An application's own rule: every service task has a name. */
    static final class NamedServiceTasks extends ServiceTaskValidator {
        @Override
        protected void executeValidation(BpmnModel model, Process process, List<ValidationError> errors) {
            super.executeValidation(model, process, errors);
            for (ServiceTask task : process.findFlowElementsOfType(ServiceTask.class)) {
                if (task.getName() == null) {
                    addError(errors, "companyNamedTasks", process, task, "Service task '" + task.getId() + "' needs a name");
                }
            }
        }
    }

    @BeforeAll
    static void startEngine() {
        configuration = new StandaloneInMemProcessEngineConfiguration();
        configuration.setJdbcUrl("jdbc:h2:mem:application-validator;DB_CLOSE_DELAY=-1");
        configuration.setAsyncExecutorActivate(false);
        configuration.setCustomServiceTaskValidator(new NamedServiceTasks());
        configuration.addConfigurator(new TwilioConnectorConfigurator(TwilioSettings.from(name -> null)));
        engine = configuration.buildProcessEngine();
    }

    @AfterAll
    static void closeEngine() {
        engine.close();
    }

    @Test
    void keepsTheApplicationsValidatorBehindTheConnectorsOwn() {
        assertThat(configuration.getCustomServiceTaskValidator()).isInstanceOfSatisfying(TwilioServiceTaskValidator.class,
                validator -> assertThat(validator.applicationValidator()).containsInstanceOf(NamedServiceTasks.class));
    }

    @Test
    void deploysNamedConnectorAndOrdinaryTasks() {
        deploy(model("named", "<serviceTask id=\"notify\" name=\"Notify\" implementation=\"twilioConnector.SEND_SMS\"/>"
                + "<serviceTask id=\"log\" name=\"Log\" flowable:expression=\"${true}\"/>"));

        assertThat(engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey("named").count()).isEqualTo(1);
    }

    @Test
    void theApplicationsRuleStillAppliesToConnectorTasks() {
        assertThatThrownBy(() -> deploy(model("unnamedTwilio", "<serviceTask id=\"notify\" implementation=\"twilioConnector.SEND_SMS\"/>")))
                .isInstanceOf(FlowableException.class)
                .hasMessageContaining("Service task 'notify' needs a name")
                .hasMessageNotContaining("is mandatory on serviceTask");
    }

    @Test
    void theApplicationsRuleStillAppliesToOrdinaryTasks() {
        assertThatThrownBy(() -> deploy(model("unnamedOrdinary", "<serviceTask id=\"log\" flowable:expression=\"${true}\"/>")))
                .isInstanceOf(FlowableException.class)
                .hasMessageContaining("Service task 'log' needs a name");
    }

    @Test
    void flowablesOwnRulesStillApplyToOrdinaryTasks() {
        assertThatThrownBy(() -> deploy(model("unimplemented", "<serviceTask id=\"nothing\" name=\"Nothing\"/>")))
                .isInstanceOf(FlowableException.class)
                .hasMessageContaining("is mandatory on serviceTask");
    }

    @Test
    void theConnectorsRulesStillApply() {
        assertThatThrownBy(() -> deploy(model("faxing", "<serviceTask id=\"fax\" name=\"Fax\" implementation=\"twilioConnector.SEND_FAX\"/>")))
                .isInstanceOf(FlowableException.class)
                .hasMessageContaining("Service task 'fax' names the unknown Twilio action 'twilioConnector.SEND_FAX'");
    }

    private static void deploy(String xml) {
        RepositoryService repository = engine.getRepositoryService();
        repository.createDeployment().addString("model.bpmn20.xml", xml).deploy();
    }

    private static String model(String key, String tasks) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:flowable="http://flowable.org/bpmn"
                             targetNamespace="http://twilioconnector.dev/test">
                    <process id="%s" isExecutable="true">
                        <startEvent id="start"/>
                        %s
                    </process>
                </definitions>
                """.formatted(key, tasks);
    }
}

package dev.twilioconnector.contract;

import dev.twilioconnector.core.settings.TwilioSettings;
import dev.twilioconnector.flowable.TwilioConnectorConfigurator;
import org.flowable.engine.HistoryService;
import org.flowable.engine.ProcessEngine;
import org.flowable.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.flowable.engine.repository.DeploymentBuilder;
import org.flowable.variable.api.history.HistoricVariableInstance;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Flowable engine with the plugin, built as the plugin's own engine tests build theirs
 * ({@code flowable-plugin/src/test/resources/flowable.cfg.xml}: in-memory H2, no async executor, the
 * configurator added explicitly), with one process per action whose inputs are process variables.
 * Its settings come from environment-variable names through {@link TwilioSettings#from}, the way a
 * deployment's {@code TWILIO_*} variables reach the connector.
 */
final class ContractEngine implements AutoCloseable {

    /** The processes it runs, one per action, each with the action's inputs as process variables. */
    enum ActionProcess {
        SEND_SMS("contractSendSms", "sendSms"),
        REPLY("contractReply", "reply"),
        GET_MESSAGE("contractGetMessage", "getMessage"),
        LIST_MESSAGES("contractListMessages", "listMessages"),
        SEND_VERIFICATION("contractSendVerification", "sendVerification"),
        CHECK_VERIFICATION("contractCheckVerification", "checkVerification");

        private final String key;
        private final String resource;

        ActionProcess(String key, String file) {
            this.key = key;
            this.resource = "dev/twilioconnector/contract/" + file + ".bpmn20.xml";
        }
    }

    private final ProcessEngine engine;

    private ContractEngine(ProcessEngine engine) {
        this.engine = engine;
    }

    /** @param environment environment-variable names ({@code TWILIO_ACCOUNT}, …) and their values */
    static ContractEngine start(String name, Map<String, String> environment) {
        StandaloneInMemProcessEngineConfiguration configuration = new StandaloneInMemProcessEngineConfiguration();
        configuration.setEngineName("contract-" + name);
        configuration.setJdbcUrl("jdbc:h2:mem:contract-" + name + ";DB_CLOSE_DELAY=1000");
        configuration.setDatabaseSchemaUpdate("true");
        configuration.setAsyncExecutorActivate(false);
        configuration.setConfigurators(List.of(new TwilioConnectorConfigurator(TwilioSettings.from(environment::get))));
        ProcessEngine engine = configuration.buildProcessEngine();
        DeploymentBuilder deployment = engine.getRepositoryService().createDeployment().name("contract-tests");
        for (ActionProcess process : ActionProcess.values()) {
            deployment.addClasspathResource(process.resource);
        }
        deployment.deploy();
        return new ContractEngine(engine);
    }

    /** Runs the process to its end and returns its final variables ({@code twilioResult}, {@code twilioError}, …). */
    Map<String, Object> run(ActionProcess process, Map<String, ?> variables) {
        String id = engine.getRuntimeService().startProcessInstanceByKey(process.key, new HashMap<>(variables)).getId();
        HistoryService history = engine.getHistoryService();
        assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(id).finished().count())
                .as("process instance %s of %s has ended", id, process.key).isEqualTo(1);
        Map<String, Object> finalVariables = new HashMap<>();
        for (HistoricVariableInstance variable : history.createHistoricVariableInstanceQuery().processInstanceId(id).list()) {
            finalVariables.put(variable.getVariableName(), variable.getValue());
        }
        return finalVariables;
    }

    @Override
    public void close() {
        engine.close();
    }
}

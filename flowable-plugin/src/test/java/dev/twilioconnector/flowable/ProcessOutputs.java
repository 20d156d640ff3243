package dev.twilioconnector.flowable;

import org.flowable.engine.HistoryService;
import org.flowable.engine.ProcessEngineConfiguration;
import org.flowable.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.flowable.variable.api.history.HistoricVariableInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading what a finished process left behind. */
public final class ProcessOutputs {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private ProcessOutputs() {
    }

    /** The final variables of a process instance that must have ended. */
    public static Map<String, Object> ofEnded(HistoryService history, String processInstanceId) {
        assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(processInstanceId).finished().count())
                .as("process instance %s has ended", processInstanceId).isEqualTo(1);
        Map<String, Object> variables = new HashMap<>();
        for (HistoricVariableInstance variable : history.createHistoricVariableInstanceQuery().processInstanceId(processInstanceId).list()) {
            variables.put(variable.getVariableName(), variable.getValue());
        }
        return variables;
    }

    public static JsonNode json(Object text) {
        assertThat(text).isInstanceOf(String.class);
        return JSON.readTree((String) text);
    }

    public static ObjectMapper engineJson(ProcessEngineConfiguration configuration) {
        return ((ProcessEngineConfigurationImpl) configuration).getObjectMapper();
    }

    public static String basicAuth(String user, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }
}

package dev.twilioconnector.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.flowable.engine.HistoryService;
import org.flowable.variable.api.history.HistoricVariableInstance;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** What one finished SEND_SMS task left behind: the recipients in {@code twilioResult}, the problems in {@code twilioError}. */
public record TaskOutcome(Set<String> acceptedTo, int acceptedCount, Map<String, Integer> problems) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static TaskOutcome of(HistoryService history, String processInstanceId) {
        if (history.createHistoricProcessInstanceQuery().processInstanceId(processInstanceId).finished().count() != 1) {
            throw new IllegalStateException("process instance " + processInstanceId + " did not end");
        }
        Map<String, Object> outputs = new TreeMap<>();
        for (HistoricVariableInstance variable : history.createHistoricVariableInstanceQuery().processInstanceId(processInstanceId).list()) {
            outputs.put(variable.getVariableName(), variable.getValue());
        }
        try {
            Set<String> accepted = new HashSet<>();
            int acceptedCount = 0;
            for (JsonNode entry : JSON.readTree(String.valueOf(outputs.getOrDefault("twilioResult", "[]")))) {
                accepted.add(entry.get("to").asText());
                acceptedCount++;
            }
            Map<String, Integer> problems = new TreeMap<>();
            if (outputs.get("twilioError") != null) {
                for (JsonNode entry : JSON.readTree((String) outputs.get("twilioError"))) {
                    problems.merge(entry.path("code").asText("null") + " (" + entry.path("message").asText() + ")", 1, Integer::sum);
                }
            }
            return new TaskOutcome(accepted, acceptedCount, problems);
        } catch (Exception e) {
            throw new IllegalStateException("unreadable task outputs of " + processInstanceId, e);
        }
    }

    /** The problems by code and message, or "none". */
    public String problemsText() {
        return problems.isEmpty() ? "none" : problems.toString();
    }
}

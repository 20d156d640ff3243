package dev.twilioconnector.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.flowable.engine.HistoryService;
import org.flowable.engine.history.HistoricProcessInstance;
import org.flowable.variable.api.history.HistoricVariableInstance;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** What one finished SEND_SMS task left behind: the accepted recipients and the problems by code. */
public record TaskOutcome(Set<String> acceptedTo, int acceptedCount, Map<String, Integer> problemsByCode, int problemCount) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static TaskOutcome of(HistoryService history, String processInstanceId) {
        HistoricProcessInstance instance = history.createHistoricProcessInstanceQuery().processInstanceId(processInstanceId).singleResult();
        if (instance == null || instance.getEndTime() == null) {
            throw new IllegalStateException("process instance " + processInstanceId + " did not end");
        }
        String result = null;
        String error = null;
        for (HistoricVariableInstance variable : history.createHistoricVariableInstanceQuery().processInstanceId(processInstanceId).list()) {
            if (variable.getVariableName().equals("twilioResult")) {
                result = (String) variable.getValue();
            } else if (variable.getVariableName().equals("twilioError")) {
                error = (String) variable.getValue();
            }
        }
        try {
            Set<String> accepted = new HashSet<>();
            int acceptedCount = 0;
            for (JsonNode entry : JSON.readTree(result == null ? "[]" : result)) {
                accepted.add(entry.get("to").asText());
                acceptedCount++;
            }
            Map<String, Integer> problems = new TreeMap<>();
            int problemCount = 0;
            if (error != null) {
                for (JsonNode entry : JSON.readTree(error)) {
                    String code = entry.get("code") == null || entry.get("code").isNull() ? "null" : entry.get("code").asText();
                    String key = code + (code.equals("null") ? " (" + entry.get("message").asText() + ")" : "");
                    problems.merge(key, 1, Integer::sum);
                    problemCount++;
                }
            }
            return new TaskOutcome(accepted, acceptedCount, problems, problemCount);
        } catch (Exception e) {
            throw new IllegalStateException("unreadable task outputs of " + processInstanceId, e);
        }
    }

    public String problemsText() {
        return problemCount == 0 ? "none" : problemCount + " " + problemsByCode;
    }
}

package dev.twilioconnector.sample.api;

import org.flowable.engine.HistoryService;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.history.HistoricProcessInstance;
import org.flowable.engine.runtime.ProcessInstance;
import org.flowable.variable.api.history.HistoricVariableInstance;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The part of Flowable's REST API the samples need, on the same paths ({@code /process-api/…}) and
 * with the same shapes: start a process instance, read it back with its variables. Flowable's own REST
 * modules for 8.0 are not on Maven Central, so the sample serves these few calls itself.
 */
@RestController
@RequestMapping("/process-api")
public class ProcessApi {

    private final RuntimeService runtime;
    private final HistoryService history;

    public ProcessApi(RuntimeService runtime, HistoryService history) {
        this.runtime = runtime;
        this.history = history;
    }

    /** Flowable's {@code {"processDefinitionKey": …, "businessKey": …, "variables": [{"name": …, "value": …}]}}. */
    public record StartRequest(String processDefinitionKey, String businessKey, List<RestVariable> variables) {
    }

    public record RestVariable(String name, JsonNode value) {
    }

    @PostMapping("/runtime/process-instances")
    public ResponseEntity<Map<String, Object>> start(@RequestBody StartRequest request) {
        if (request.processDefinitionKey() == null || request.processDefinitionKey().isBlank()) {
            return ResponseEntity.badRequest().body(Map.of("message", "processDefinitionKey is required"));
        }
        Map<String, Object> variables = new LinkedHashMap<>();
        if (request.variables() != null) {
            request.variables().forEach(variable -> variables.put(variable.name(), JsonValues.toVariable(variable.value())));
        }
        ProcessInstance instance = runtime.createProcessInstanceBuilder()
                .processDefinitionKey(request.processDefinitionKey())
                .businessKey(request.businessKey())
                .variables(variables)
                .start();
        return ResponseEntity.status(HttpStatus.CREATED).body(describe(history.createHistoricProcessInstanceQuery()
                .processInstanceId(instance.getId()).singleResult()));
    }

    @GetMapping("/history/historic-process-instances/{id}")
    public ResponseEntity<Map<String, Object>> get(@PathVariable String id) {
        HistoricProcessInstance instance = history.createHistoricProcessInstanceQuery().processInstanceId(id).singleResult();
        return instance == null ? ResponseEntity.notFound().build() : ResponseEntity.ok(describe(instance));
    }

    private Map<String, Object> describe(HistoricProcessInstance instance) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", instance.getId());
        body.put("processDefinitionKey", instance.getProcessDefinitionKey());
        body.put("businessKey", instance.getBusinessKey());
        body.put("startTime", instance.getStartTime());
        body.put("endTime", instance.getEndTime());
        body.put("ended", instance.getEndTime() != null);
        body.put("activityIds", instance.getEndTime() != null ? List.of() : runtime.getActiveActivityIds(instance.getId()));
        body.put("variables", history.createHistoricVariableInstanceQuery().processInstanceId(instance.getId()).list().stream()
                .map(ProcessApi::variable).toList());
        return body;
    }

    private static Map<String, Object> variable(HistoricVariableInstance variable) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("name", variable.getVariableName());
        entry.put("value", variable.getValue());
        return entry;
    }
}

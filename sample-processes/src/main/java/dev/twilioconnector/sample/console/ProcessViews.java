package dev.twilioconnector.sample.console;

import org.flowable.engine.HistoryService;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.history.HistoricProcessInstance;
import org.flowable.variable.api.history.HistoricVariableInstance;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads the newest process instances, running and finished, with their variables. */
@Component
public class ProcessViews {

    private static final int SHOWN = 15;

    private final RuntimeService runtime;
    private final HistoryService history;

    public ProcessViews(RuntimeService runtime, HistoryService history) {
        this.runtime = runtime;
        this.history = history;
    }

    public List<ProcessView> running() {
        return history.createHistoricProcessInstanceQuery().unfinished().orderByProcessInstanceStartTime().desc()
                .listPage(0, SHOWN).stream().map(this::view).toList();
    }

    public List<ProcessView> finished() {
        return history.createHistoricProcessInstanceQuery().finished().orderByProcessInstanceEndTime().desc()
                .listPage(0, SHOWN).stream().map(this::view).toList();
    }

    private ProcessView view(HistoricProcessInstance instance) {
        Map<String, String> variables = new TreeMap<>();
        for (HistoricVariableInstance variable : history.createHistoricVariableInstanceQuery().processInstanceId(instance.getId()).list()) {
            variables.put(variable.getVariableName(), String.valueOf(variable.getValue()));
        }
        List<String> activities = instance.getEndTime() == null ? runtime.getActiveActivityIds(instance.getId()) : List.of();
        return new ProcessView(instance.getId(), instance.getProcessDefinitionKey(), instance.getStartTime(), instance.getEndTime(),
                activities, variables);
    }
}

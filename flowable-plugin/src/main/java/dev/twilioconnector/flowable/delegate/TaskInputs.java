package dev.twilioconnector.flowable.delegate;

import org.apache.commons.lang3.StringUtils;
import org.flowable.bpmn.model.FieldExtension;
import org.flowable.bpmn.model.ServiceTask;
import org.flowable.common.engine.api.FlowableException;
import org.flowable.common.engine.api.delegate.Expression;
import org.flowable.common.engine.impl.el.ExpressionManager;
import org.flowable.engine.delegate.DelegateExecution;

import java.util.HashMap;
import java.util.Map;

/**
 * The inputs of one service task: each is the task's {@code flowable:field} when it has one (a
 * literal, or an expression evaluated when the task runs) and otherwise the process variable of the
 * same name. Literals are taken as written: an {@code smsBody} literal is FreeMarker source, not JUEL.
 */
final class TaskInputs {

    static final String INPUT_FAILED = "input '%s' cannot be evaluated: %s";

    private final Map<String, Field> fields;

    private TaskInputs(Map<String, Field> fields) {
        this.fields = fields;
    }

    static TaskInputs of(ServiceTask task, ExpressionManager expressions) {
        Map<String, Field> fields = new HashMap<>();
        for (FieldExtension extension : task.getFieldExtensions()) {
            Expression expression = StringUtils.isNotEmpty(extension.getExpression())
                    ? expressions.createExpression(extension.getExpression()) : null;
            fields.put(extension.getFieldName(), new Field(extension.getStringValue(), expression));
        }
        return new TaskInputs(fields);
    }

    /**
     * The input as plain values ({@link PlainValues}): JSON variables as maps and lists.
     *
     * @throws InputProblem its expression (or variable) cannot be evaluated
     */
    Object value(String name, DelegateExecution execution) {
        try {
            Field field = fields.get(name);
            if (field == null) {
                return PlainValues.of(execution.getVariable(name));
            }
            return PlainValues.of(field.expression() != null ? field.expression().getValue(execution) : field.literal());
        } catch (FlowableException e) {
            throw new InputProblem(INPUT_FAILED.formatted(name, e.getMessage()));
        }
    }

    String text(String name, DelegateExecution execution) {
        Object value = value(name, execution);
        return value == null ? null : value.toString();
    }

    boolean flag(String name, DelegateExecution execution) {
        Object value = value(name, execution);
        return value instanceof Boolean bool ? bool : value != null && Boolean.parseBoolean(value.toString().trim());
    }

    private record Field(String literal, Expression expression) {
    }
}

package dev.twilioconnector.flowable.bpmn;

import dev.twilioconnector.flowable.action.TwilioAction;
import org.flowable.bpmn.model.FieldExtension;
import org.flowable.bpmn.model.Process;
import org.flowable.bpmn.model.ServiceTask;
import org.flowable.validation.ValidationError;
import org.flowable.validation.validator.impl.ServiceTaskValidator;

import java.util.List;
import java.util.Optional;

/**
 * Accepts service tasks that name a known {@code twilioConnector.*} action and refuses, at deployment,
 * those naming an unknown action or a field the action does not read (a typo would otherwise silently
 * fall back to a process variable).
 */
public class TwilioServiceTaskValidator extends ServiceTaskValidator {

    public static final String UNKNOWN_ACTION_PROBLEM = "twilioConnectorUnknownAction";
    public static final String UNKNOWN_FIELD_PROBLEM = "twilioConnectorUnknownField";
    public static final String UNKNOWN_ACTION =
            "Service task '%s' names the unknown Twilio action '%s'; known actions: %s";
    public static final String UNKNOWN_FIELD =
            "Service task '%s' (%s) has the field '%s', which that action does not read; its fields: %s";

    @Override
    protected void verifyImplementation(Process process, ServiceTask serviceTask, List<ValidationError> errors) {
        if (!TwilioAction.IMPLEMENTATION_TYPE.equals(serviceTask.getImplementationType())) {
            super.verifyImplementation(process, serviceTask, errors);
            return;
        }
        Optional<TwilioAction> action = TwilioAction.of(serviceTask.getImplementation());
        if (action.isEmpty()) {
            addError(errors, UNKNOWN_ACTION_PROBLEM, process, serviceTask, UNKNOWN_ACTION.formatted(
                    serviceTask.getId(), serviceTask.getImplementation(), String.join(", ", TwilioAction.implementations())));
            return;
        }
        for (FieldExtension field : serviceTask.getFieldExtensions()) {
            if (!action.get().fields().contains(field.getFieldName())) {
                addError(errors, UNKNOWN_FIELD_PROBLEM, process, serviceTask, UNKNOWN_FIELD.formatted(
                        serviceTask.getId(), serviceTask.getImplementation(), field.getFieldName(),
                        String.join(", ", action.get().fields())));
            }
        }
    }
}

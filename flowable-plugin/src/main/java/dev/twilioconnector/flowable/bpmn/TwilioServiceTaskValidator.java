package dev.twilioconnector.flowable.bpmn;

import dev.twilioconnector.flowable.action.TwilioAction;
import org.flowable.bpmn.model.BpmnModel;
import org.flowable.bpmn.model.FieldExtension;
import org.flowable.bpmn.model.Process;
import org.flowable.bpmn.model.ServiceTask;
import org.flowable.validation.ValidationError;
import org.flowable.validation.validator.Problems;
import org.flowable.validation.validator.impl.ServiceTaskValidator;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Accepts service tasks that name a known {@code twilioConnector.*} action and refuses, at deployment,
 * those naming an unknown action or a field the action does not read (a typo would otherwise silently
 * fall back to a process variable).
 *
 * <p>An engine has one service-task validator. When the application has set its own, that one keeps
 * checking every service task, the connector's included, and this one only adds the checks of the
 * connector's tasks; of the application's findings it drops only the one that Flowable's base rules make
 * about every connector task (no {@code class}, {@code expression} or {@code type}).
 */
public class TwilioServiceTaskValidator extends ServiceTaskValidator {

    public static final String UNKNOWN_ACTION_PROBLEM = "twilioConnectorUnknownAction";
    public static final String UNKNOWN_FIELD_PROBLEM = "twilioConnectorUnknownField";
    public static final String UNKNOWN_ACTION =
            "Service task '%s' names the unknown Twilio action '%s'; known actions: %s";
    public static final String UNKNOWN_FIELD =
            "Service task '%s' (%s) has the field '%s', which that action does not read; its fields: %s";

    private final ServiceTaskValidator applicationValidator;

    public TwilioServiceTaskValidator() {
        this(null);
    }

    /** @param applicationValidator the validator the application set, or {@code null} for Flowable's own rules */
    public TwilioServiceTaskValidator(ServiceTaskValidator applicationValidator) {
        this.applicationValidator = applicationValidator;
    }

    /** The validator the application had set before the connector, if any. */
    public Optional<ServiceTaskValidator> applicationValidator() {
        return Optional.ofNullable(applicationValidator);
    }

    @Override
    public void validate(BpmnModel model, List<ValidationError> errors) {
        if (applicationValidator == null) {
            super.validate(model, errors);
            return;
        }
        List<ValidationError> found = new ArrayList<>();
        applicationValidator.validate(model, found);
        Set<String> connectorTasks = new HashSet<>();
        for (Process process : model.getProcesses()) {
            for (ServiceTask task : process.findFlowElementsOfType(ServiceTask.class)) {
                if (isConnectorTask(task)) {
                    connectorTasks.add(task.getId());
                    verifyAction(process, task, errors);
                }
            }
        }
        found.removeIf(error -> Problems.SERVICE_TASK_MISSING_IMPLEMENTATION.equals(error.getProblem())
                && connectorTasks.contains(error.getActivityId()));
        errors.addAll(found);
    }

    @Override
    protected void verifyImplementation(Process process, ServiceTask serviceTask, List<ValidationError> errors) {
        if (isConnectorTask(serviceTask)) {
            verifyAction(process, serviceTask, errors);
        } else {
            super.verifyImplementation(process, serviceTask, errors);
        }
    }

    private static boolean isConnectorTask(ServiceTask task) {
        return TwilioAction.IMPLEMENTATION_TYPE.equals(task.getImplementationType());
    }

    private void verifyAction(Process process, ServiceTask serviceTask, List<ValidationError> errors) {
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

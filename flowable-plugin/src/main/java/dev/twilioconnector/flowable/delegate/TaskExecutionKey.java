package dev.twilioconnector.flowable.delegate;

import org.flowable.common.engine.impl.persistence.entity.Entity;
import org.flowable.engine.delegate.DelegateExecution;
import org.flowable.engine.impl.persistence.entity.ActivityInstanceEntity;
import org.flowable.engine.impl.util.CommandContextUtil;
import org.flowable.engine.runtime.ActivityInstance;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Names one execution of a task so that a retry of it gets the same name and a new pass through it
 * gets a new one: the execution, the activity, and how many times that execution has already
 * completed the activity (a loop back to the task). A failed attempt is rolled back, activity
 * instance included, so it does not count. Passes completed earlier in the same transaction are not
 * in the database yet, so the command's entity cache is read too.
 *
 * <p>An execution created in the current transaction has no such name: if the transaction rolls
 * back, its id is gone for good and whatever runs again runs as a new execution. Nothing can repeat
 * it, so it needs no memory of what it sent (and the database is not asked).
 */
final class TaskExecutionKey {

    private TaskExecutionKey() {
    }

    /** The name of this pass, or empty when nothing could ever execute it again under the same name. */
    static Optional<String> ofRepeatable(DelegateExecution execution) {
        if (execution instanceof Entity entity && entity.isInserted()) {
            return Optional.empty();
        }
        return Optional.of(of(execution));
    }

    private static String of(DelegateExecution execution) {
        String executionId = execution.getId();
        String activityId = execution.getCurrentActivityId();
        Set<String> completed = new HashSet<>();
        for (ActivityInstance stored : CommandContextUtil.getProcessEngineConfiguration().getRuntimeService()
                .createActivityInstanceQuery().executionId(executionId).activityId(activityId).finished().list()) {
            completed.add(stored.getId());
        }
        for (ActivityInstanceEntity cached : CommandContextUtil.getEntityCache().findInCache(ActivityInstanceEntity.class)) {
            if (executionId.equals(cached.getExecutionId()) && activityId.equals(cached.getActivityId()) && cached.getEndTime() != null) {
                completed.add(cached.getId());
            }
        }
        return executionId + ":" + activityId + ":" + completed.size();
    }
}

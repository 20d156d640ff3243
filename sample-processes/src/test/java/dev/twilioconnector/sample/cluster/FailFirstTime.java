package dev.twilioconnector.sample.cluster;

import org.flowable.engine.delegate.DelegateExecution;
import org.flowable.engine.delegate.JavaDelegate;
import org.flowable.engine.impl.util.CommandContextUtil;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A service task that throws the first time it runs for a process instance and passes afterwards,
 * whichever node runs it (the record is per JVM, and both in-JVM nodes share it). Placed after an async
 * {@code SEND_SMS} task, it rolls the job back after Twilio accepted the messages, so the job is retried.
 * Each run is recorded with the node that ran it (its async executor's lock owner).
 */
public final class FailFirstTime implements JavaDelegate {

    /** Process instance id → the nodes that ran this task for it, in order. */
    static final Map<String, List<String>> RUNS = new ConcurrentHashMap<>();

    @Override
    public void execute(DelegateExecution execution) {
        String node = CommandContextUtil.getProcessEngineConfiguration().getAsyncExecutor().getLockOwner();
        List<String> runs = RUNS.computeIfAbsent(execution.getProcessInstanceId(), id -> new CopyOnWriteArrayList<>());
        runs.add(node);
        if (runs.size() == 1) {
            throw new IllegalStateException("FailFirstTime: the first run for process instance "
                    + execution.getProcessInstanceId() + " fails on purpose, so that its job is retried");
        }
    }
}

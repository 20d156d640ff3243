package dev.twilioconnector.flowable.outbound;

import org.flowable.engine.delegate.DelegateExecution;
import org.flowable.engine.delegate.JavaDelegate;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Fails the first time it runs for a process instance, as a flaky step after a send would. */
public class FailsOnce implements JavaDelegate {

    static final Set<String> FAILED = ConcurrentHashMap.newKeySet();

    @Override
    public void execute(DelegateExecution execution) {
        if (FAILED.add(execution.getProcessInstanceId())) {
            throw new IllegalStateException("a flaky step after the send fails once");
        }
    }
}

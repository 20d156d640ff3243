package dev.twilioconnector.benchmarks;

import org.flowable.engine.delegate.DelegateExecution;
import org.flowable.engine.delegate.JavaDelegate;

/** The baseline of benchmark 1: a service task that does nothing. */
public final class NoOpDelegate implements JavaDelegate {

    @Override
    public void execute(DelegateExecution execution) {
        // nothing: what the engine costs without the connector
    }
}

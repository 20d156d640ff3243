package dev.twilioconnector.benchmarks;

import org.flowable.engine.delegate.DelegateExecution;
import org.flowable.engine.delegate.JavaDelegate;

/**
 * Information for benchmark 1: sends nothing but writes the two variables SEND_SMS always leaves
 * behind (a one-entry {@code twilioResult} and a {@code null} {@code twilioError}), to show how much
 * of SEND_SMS's cost is the engine persisting its outputs.
 */
public final class OutputsOnlyDelegate implements JavaDelegate {

    @Override
    public void execute(DelegateExecution execution) {
        execution.setVariable("twilioResult", "[{\"to\":\"" + execution.getVariable("phone")
                + "\",\"sid\":\"SM00000000000000000000000000000000\",\"status\":\"queued\"}]");
        execution.setVariable("twilioError", null);
    }
}

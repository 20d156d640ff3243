package dev.twilioconnector.inbound.trigger;

import java.util.List;

/** The trigger file cannot be used; the message lists every problem, each naming its trigger. */
public final class InvalidTriggerFile extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    InvalidTriggerFile(String location, List<String> problems) {
        super("Trigger file " + location + " is invalid:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}

package dev.twilioconnector.flowable.action;

import dev.twilioconnector.core.Refusal;
import dev.twilioconnector.core.TwilioProblem;
import dev.twilioconnector.core.Vocabulary;

import java.util.Map;

/**
 * The connector's problems in the words of one action's task: its fields where the connector names
 * Twilio's parameters, "the task" where it says "the request", and a text of its own for a refusal
 * whose advice only makes sense in a model. What Twilio itself said stays as Twilio said it.
 */
public final class TaskWording implements Vocabulary {

    private final Map<String, String> fields;
    private final Map<Refusal, String> ownTexts;

    /**
     * @param fields   Twilio's parameter name → the field that feeds it
     * @param ownTexts refusal → the task's own text for it, where renaming is not enough
     */
    TaskWording(Map<String, String> fields, Map<Refusal, String> ownTexts) {
        this.fields = Map.copyOf(fields);
        this.ownTexts = Map.copyOf(ownTexts);
    }

    @Override
    public String word(String name) {
        return REQUEST.equals(name) ? "the task" : fields.getOrDefault(name, name);
    }

    public TwilioProblem of(TwilioProblem problem) {
        String own = problem.refusal() == null ? null : ownTexts.get(problem.refusal());
        return own != null ? problem.withMessage(own) : problem.in(this);
    }
}

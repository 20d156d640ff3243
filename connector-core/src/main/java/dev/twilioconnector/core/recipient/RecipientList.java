package dev.twilioconnector.core.recipient;

import dev.twilioconnector.core.sms.Problem;

import java.util.List;

/**
 * Recipients after checking.
 *
 * @param valid    addresses to message, each once, in the order given
 * @param problems one entry per address that cannot be messaged, or one whole-send entry when there is nothing to message
 */
public record RecipientList(List<String> valid, List<Problem> problems) {

    public RecipientList {
        valid = List.copyOf(valid);
        problems = List.copyOf(problems);
    }
}

package dev.twilioconnector.core.recipient;

import dev.twilioconnector.core.TwilioProblem;

import java.util.List;

/**
 * Recipients after checking.
 *
 * @param valid    addresses to message, each once, in the order given
 * @param problems one entry per address that cannot be messaged
 */
public record RecipientList(List<String> valid, List<TwilioProblem> problems) {

    public RecipientList {
        valid = List.copyOf(valid);
        problems = List.copyOf(problems);
    }
}

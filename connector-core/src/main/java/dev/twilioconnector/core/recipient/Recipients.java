package dev.twilioconnector.core.recipient;

import dev.twilioconnector.core.Refusal;
import dev.twilioconnector.core.TwilioProblem;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks the addresses of one send: each must be E.164 or {@code whatsapp:} + E.164, and one given
 * twice (in any spelling of the channel) is messaged once. Each invalid address becomes a
 * {@link TwilioProblem} of its own, so the valid ones are still sent.
 */
public final class Recipients {

    private Recipients() {
    }

    public static RecipientList check(List<String> addresses) {
        Set<String> valid = new LinkedHashSet<>();
        List<TwilioProblem> problems = new ArrayList<>();
        for (String address : addresses) {
            PhoneAddress.check(address).ifPresentOrElse(
                    reason -> problems.add(Refusal.INVALID_RECIPIENT.problemFor(address, reason)),
                    () -> valid.add(PhoneAddress.normalise(address)));
        }
        return new RecipientList(List.copyOf(valid), problems);
    }
}

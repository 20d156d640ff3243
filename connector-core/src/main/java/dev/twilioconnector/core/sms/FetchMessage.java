package dev.twilioconnector.core.sms;

import dev.twilioconnector.core.Refusal;
import dev.twilioconnector.core.Trimmed;
import dev.twilioconnector.core.TwilioProblem;
import dev.twilioconnector.core.TwilioRequest;

import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One message read back by its SID.
 *
 * @param sid the message's {@code Sid}: {@code SM} (SMS) or {@code MM} (MMS) and 32 hex digits
 */
public record FetchMessage(String sid) implements TwilioRequest {

    private static final Pattern MESSAGE_SID = Pattern.compile("(SM|MM)[0-9a-fA-F]{32}");

    public FetchMessage {
        sid = Trimmed.orNull(sid);
    }

    @Override
    public Optional<TwilioProblem> problem(Instant now) {
        if (sid == null) {
            return Optional.of(Refusal.NO_MESSAGE_SID.problem());
        }
        return MESSAGE_SID.matcher(sid).matches() ? Optional.empty() : Optional.of(Refusal.INVALID_MESSAGE_SID.problem(sid));
    }
}

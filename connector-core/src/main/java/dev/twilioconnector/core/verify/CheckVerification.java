package dev.twilioconnector.core.verify;

import dev.twilioconnector.core.Refusal;
import dev.twilioconnector.core.Trimmed;
import dev.twilioconnector.core.TwilioProblem;
import dev.twilioconnector.core.TwilioRequest;

import java.time.Instant;
import java.util.Optional;

/**
 * The code a person typed, checked by Twilio Verify against the one it sent to {@code to}.
 *
 * @param serviceSid the Verify Service ({@code VA…}) that sent the code
 * @param to         {@code To}: where the code went
 * @param code       {@code Code}: what the person typed, 4 to 10 digits
 */
public record CheckVerification(String serviceSid, String to, String code) implements TwilioRequest {

    public CheckVerification {
        serviceSid = Trimmed.orNull(serviceSid);
        to = Trimmed.orNull(to);
        code = Trimmed.orNull(code);
    }

    @Override
    public Optional<TwilioProblem> problem(Instant now) {
        return VerifyService.problem(serviceSid, to).or(() -> {
            if (code == null) {
                return Optional.of(Refusal.NO_CODE.problem());
            }
            return VerifyService.isCode(code) ? Optional.empty() : Optional.of(Refusal.CODE_FORMAT.problem());
        });
    }
}

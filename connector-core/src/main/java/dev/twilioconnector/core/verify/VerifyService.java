package dev.twilioconnector.core.verify;

import dev.twilioconnector.core.Refusal;
import dev.twilioconnector.core.TwilioProblem;

import java.util.Optional;
import java.util.regex.Pattern;

/** What both Verify requests need checked alike: the service they address, the recipient, a code's form. */
final class VerifyService {

    private static final Pattern CODE = Pattern.compile("\\d{4,10}");

    private VerifyService() {
    }

    static Optional<TwilioProblem> problem(String serviceSid, String to) {
        if (serviceSid == null) {
            return Optional.of(Refusal.NO_SERVICE_SID.problem());
        }
        if (!serviceSid.startsWith("VA")) {
            return Optional.of(Refusal.INVALID_SERVICE_SID.problem(serviceSid));
        }
        return to == null ? Optional.of(Refusal.NO_TO.problem()) : Optional.empty();
    }

    static boolean isCode(String code) {
        return CODE.matcher(code).matches();
    }
}

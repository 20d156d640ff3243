package dev.twilioconnector.core.sms;

import dev.twilioconnector.core.Refusal;
import dev.twilioconnector.core.Trimmed;
import dev.twilioconnector.core.TwilioProblem;
import dev.twilioconnector.core.TwilioRequest;
import dev.twilioconnector.core.recipient.PhoneAddress;

import java.time.Instant;
import java.util.Optional;

/**
 * The messages matching some filters, newest first; every filter is optional.
 *
 * @param dateSentAfter  {@code DateSent>}: sent at or after this instant
 * @param dateSentBefore {@code DateSent<}: sent before this instant
 * @param from           {@code From}: sent from this number (E.164)
 * @param to             {@code To}: sent to this number (E.164)
 * @param pageSize       {@code PageSize}: how many messages one page of Twilio's answer holds, 1 to {@value #MAX_PAGE_SIZE}
 * @param limit          the most messages to read, following Twilio's pages until there are that many
 */
public record ListMessages(Instant dateSentAfter, Instant dateSentBefore, String from, String to, Long pageSize, Long limit)
        implements TwilioRequest {

    public static final int MAX_PAGE_SIZE = 1000;

    public ListMessages {
        from = Trimmed.orNull(from);
        to = Trimmed.orNull(to);
    }

    @Override
    public Optional<TwilioProblem> problem(Instant now) {
        if (from != null && PhoneAddress.check(from).isPresent()) {
            return Optional.of(Refusal.FROM_NOT_E164.problem(from));
        }
        if (to != null && PhoneAddress.check(to).isPresent()) {
            return Optional.of(Refusal.TO_NOT_E164.problem(to));
        }
        if (pageSize != null && (pageSize < 1 || pageSize > MAX_PAGE_SIZE)) {
            return Optional.of(Refusal.PAGE_SIZE_RANGE.problem(pageSize.toString()));
        }
        if (limit != null && limit < 1) {
            return Optional.of(Refusal.LIMIT_RANGE.problem(limit.toString()));
        }
        return Optional.empty();
    }
}

package dev.twilioconnector.core;

import java.time.Instant;
import java.util.Optional;

/**
 * A typed request to Twilio. Each one checks itself, in Twilio's words, before the connector makes any
 * request for it: {@link #problem} is the one place where a request's values are judged.
 */
public interface TwilioRequest {

    /**
     * The first reason this request cannot be made at all, or empty when it may go to Twilio.
     *
     * @param now the current time, for values that must lie in a window from now (a scheduled send)
     */
    Optional<TwilioProblem> problem(Instant now);
}

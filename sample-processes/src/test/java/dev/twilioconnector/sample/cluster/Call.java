package dev.twilioconnector.sample.cluster;

import dev.twilioconnector.emulator.RecordedRequest;
import dev.twilioconnector.emulator.RequestMatch;
import dev.twilioconnector.emulator.TwilioEmulator;

import java.util.List;

/**
 * A message creation the emulator saw: which node sent it (its base URL's prefix), to whom, what, and the
 * status it was answered (recorded as the request arrived, so a request in flight when its node died counts).
 */
record Call(String node, String to, String body, int status) {

    static List<Call> all(TwilioEmulator twilio) {
        return made(twilio, RequestMatch.messageCreation());
    }

    /** The messages the nodes sent to {@code phone}. */
    static List<Call> to(TwilioEmulator twilio, String phone) {
        return made(twilio, RequestMatch.messageCreation().to(phone));
    }

    private static List<Call> made(TwilioEmulator twilio, RequestMatch which) {
        return twilio.requests(which).stream().map(Call::of).toList();
    }

    private static Call of(RecordedRequest request) {
        return new Call(request.prefix().substring(1), request.param("To"), request.param("Body"), request.status());
    }
}

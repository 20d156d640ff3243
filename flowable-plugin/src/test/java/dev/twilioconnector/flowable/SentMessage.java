package dev.twilioconnector.flowable;

import dev.twilioconnector.emulator.RecordedRequest;
import dev.twilioconnector.emulator.RequestMatch;
import dev.twilioconnector.emulator.TwilioEmulator;

import java.util.List;

/** A request to send a message, as the Twilio emulator received it: the parameters the tests compare, and the credentials. */
public record SentMessage(String to, String from, String messagingServiceSid, String body, String authorization) {

    /** Every message-creation request {@code twilio} received, answered or not, oldest first. */
    public static List<SentMessage> in(TwilioEmulator twilio) {
        return twilio.requests(RequestMatch.messageCreation()).stream().map(SentMessage::of).toList();
    }

    private static SentMessage of(RecordedRequest request) {
        return new SentMessage(request.param("To"), request.param("From"), request.param("MessagingServiceSid"), request.param("Body"),
                request.authorization());
    }
}

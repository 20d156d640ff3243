package dev.twilioconnector.inbound.webhook;

import com.twilio.twiml.MessagingResponse;
import com.twilio.twiml.TwiMLException;
import com.twilio.twiml.messaging.Message;

/** The webhook's answer: {@code <Response><Message>…</Message></Response>}, or {@code <Response/>} when there is nothing to say. */
public final class Twiml {

    private Twiml() {
    }

    public static String reply(String text) {
        MessagingResponse.Builder response = new MessagingResponse.Builder();
        if (text != null && !text.isEmpty()) {
            response.message(new Message.Builder(text).build());
        }
        try {
            return response.build().toXml();
        } catch (TwiMLException e) {
            throw new IllegalStateException("cannot write TwiML", e);
        }
    }
}

package dev.twilioconnector.core.sms;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.twilio.type.PhoneNumber;

import java.io.UncheckedIOException;
import java.time.ZoneOffset;

/** The SDK request for one recipient: sender, text, and whatever the options add. */
final class MessageRequest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private MessageRequest() {
    }

    /** @param send the request with its defaults applied, so that it names a sender */
    static MessageCreator creator(String recipient, SendSms send, String body) {
        PhoneNumber to = new PhoneNumber(recipient);
        MessageCreator creator;
        if (send.messagingServiceSid() != null) {
            creator = Message.creator(to, send.messagingServiceSid(), body);
            if (send.from() != null) {
                creator.setFrom(new PhoneNumber(send.from()));
            }
        } else {
            creator = Message.creator(to, new PhoneNumber(send.from()), body);
        }
        MessageOptions options = send.options();
        if (!options.mediaUrls().isEmpty()) {
            creator.setMediaUrl(options.mediaUrls());
        }
        if (options.statusCallback() != null) {
            creator.setStatusCallback(options.statusCallback());
        }
        if (options.contentSid() != null) {
            creator.setContentSid(options.contentSid());
        }
        if (options.contentVariables() != null) {
            creator.setContentVariables(json(options));
        }
        if (options.sendAt() != null) {
            creator.setSendAt(options.sendAt().atZone(ZoneOffset.UTC));
            creator.setScheduleType(Message.ScheduleType.FIXED);
        }
        return creator;
    }

    /** Twilio takes the content template's variables as one JSON object. */
    private static String json(MessageOptions options) {
        try {
            return JSON.writeValueAsString(options.contentVariables());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}

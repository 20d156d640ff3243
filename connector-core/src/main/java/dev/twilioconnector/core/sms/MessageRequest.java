package dev.twilioconnector.core.sms;

import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.twilio.type.PhoneNumber;

import java.time.ZoneOffset;

/** The SDK request for one recipient: sender, text, and whatever the options add. */
final class MessageRequest {

    private MessageRequest() {
    }

    static MessageCreator creator(String recipient, Sender sender, String body, MessageOptions options) {
        PhoneNumber to = new PhoneNumber(recipient);
        MessageCreator creator;
        if (sender.messagingServiceSid() != null) {
            creator = Message.creator(to, sender.messagingServiceSid(), body);
            if (sender.from() != null) {
                creator.setFrom(new PhoneNumber(sender.from()));
            }
        } else {
            creator = Message.creator(to, new PhoneNumber(sender.from()), body);
        }
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
            creator.setContentVariables(options.contentVariables());
        }
        if (options.sendAt() != null) {
            creator.setSendAt(options.sendAt().atZone(ZoneOffset.UTC));
            creator.setScheduleType(Message.ScheduleType.FIXED);
        }
        return creator;
    }
}

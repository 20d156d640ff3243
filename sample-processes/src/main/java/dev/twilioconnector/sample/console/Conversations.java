package dev.twilioconnector.sample.console;

import dev.twilioconnector.core.Answer;
import dev.twilioconnector.core.TwilioClient;
import dev.twilioconnector.core.sms.ListMessages;
import dev.twilioconnector.core.sms.MessageRecord;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The console's conversations: the account's newest messages as Twilio lists them, read through the connector
 * (in sandbox mode the sandbox is that Twilio), one thread per person's phone, each message with the process
 * instances it belongs to ({@link MessageInstances}). So live mode shows what Twilio holds, messages sent before
 * a restart included, and both modes show it the same way.
 */
@Component
public class Conversations {

    /** How many of the newest messages are read: one page of Twilio's list, one request per console page. */
    static final long NEWEST = 100;
    /** How many of a phone's newest messages its thread shows, so that one busy phone does not fill the page. */
    static final int PER_PHONE = 20;

    private final TwilioClient twilio;
    private final MessageInstances instances;

    public Conversations(TwilioClient twilio, MessageInstances instances) {
        this.twilio = twilio;
        this.instances = instances;
    }

    /** The threads, the one with the newest message first; or why Twilio could not list the messages. */
    public Answer<List<Conversation>> newest() {
        Answer<List<MessageRecord>> listed = twilio.list(new ListMessages(null, null, null, null, NEWEST, NEWEST));
        if (listed.hasProblem()) {
            return Answer.failed(listed.problem());
        }
        Map<String, List<InstanceLink>> links = instances.of(listed.value());
        // Twilio lists newest first: the phones come out in the order of their last message, and each older message
        // goes in front of its thread's, so that a thread reads oldest first and keeps its newest PER_PHONE.
        Map<String, List<ConversationMessage>> threads = new LinkedHashMap<>();
        for (MessageRecord message : listed.value()) {
            String phone = ConversationMessage.INBOUND.equals(message.direction()) ? message.from() : message.to();
            List<ConversationMessage> thread = threads.computeIfAbsent(phone, first -> new ArrayList<>());
            if (thread.size() < PER_PHONE) {
                thread.add(0, new ConversationMessage(message.sid(), message.direction(), message.body(), message.status(),
                        message.dateCreated() == null ? null : message.dateCreated().toInstant(), links.getOrDefault(message.sid(), List.of())));
            }
        }
        List<Conversation> conversations = new ArrayList<>();
        threads.forEach((phone, messages) -> conversations.add(new Conversation(phone, List.copyOf(messages))));
        return Answer.of(conversations);
    }
}

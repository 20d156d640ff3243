package dev.twilioconnector.sample.console;

import java.util.List;

/**
 * One phone's messages with the application, as a thread.
 *
 * @param phone    the person's number
 * @param messages what they texted and what the application sent them, oldest first
 */
public record Conversation(String phone, List<ConversationMessage> messages) {
}

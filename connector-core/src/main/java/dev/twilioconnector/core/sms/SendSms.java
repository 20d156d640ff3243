package dev.twilioconnector.core.sms;

import java.util.Map;

/**
 * One SEND_SMS request, as a process gives it.
 *
 * @param from                the sender number, or {@code null} for the configured default
 * @param messagingServiceSid the Messaging Service to send through, or {@code null} for the configured default
 * @param to                  the recipients in any form {@link dev.twilioconnector.core.recipient.Recipients} reads
 * @param bodyTemplate        the FreeMarker template of the text
 * @param variables           what the template may refer to (plain maps, lists, strings, numbers, dates)
 * @param options             media, status callback, content template, scheduled time
 * @param journal             what earlier executions of the same task did, per recipient
 */
public record SendSms(String from, String messagingServiceSid, Object to, String bodyTemplate, Map<String, ?> variables,
                      MessageOptions options, DeliveryJournal journal) {

    public SendSms {
        variables = variables == null ? Map.of() : variables;
        options = options == null ? MessageOptions.NONE : options;
        journal = journal == null ? DeliveryJournal.NONE : journal;
    }

    /** A plain text send without memory of earlier executions. */
    public SendSms(String from, String messagingServiceSid, Object to, String bodyTemplate, Map<String, ?> variables) {
        this(from, messagingServiceSid, to, bodyTemplate, variables, MessageOptions.NONE, DeliveryJournal.NONE);
    }

    /** A plain text send that remembers what earlier executions of its task did. */
    public SendSms(String from, String messagingServiceSid, Object to, String bodyTemplate, Map<String, ?> variables,
                   DeliveryJournal journal) {
        this(from, messagingServiceSid, to, bodyTemplate, variables, MessageOptions.NONE, journal);
    }
}

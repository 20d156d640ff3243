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
 */
public record SendSms(String from, String messagingServiceSid, Object to, String bodyTemplate, Map<String, ?> variables) {

    public SendSms {
        variables = variables == null ? Map.of() : variables;
    }
}

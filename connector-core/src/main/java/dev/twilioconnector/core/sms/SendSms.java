package dev.twilioconnector.core.sms;

import dev.twilioconnector.core.Refusal;
import dev.twilioconnector.core.Trimmed;
import dev.twilioconnector.core.TwilioProblem;
import dev.twilioconnector.core.TwilioRequest;
import dev.twilioconnector.core.recipient.PhoneAddress;
import dev.twilioconnector.core.recipient.RecipientList;
import dev.twilioconnector.core.recipient.Recipients;

import java.net.URI;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One text to one or more recipients (Twilio's Messages resource, once per recipient).
 *
 * @param from                the {@code From} number, {@code whatsapp:} number or alphanumeric sender ID, or {@code null}
 * @param messagingServiceSid the {@code MessagingServiceSid} to send through, or {@code null}
 * @param to                  the recipients, E.164 or {@code whatsapp:} + E.164; blank entries are left out
 * @param bodyTemplate        the FreeMarker template of the {@code Body}, rendered once per recipient; {@code null} for none
 * @param variables           what the template may refer to (plain maps, lists, strings, numbers, dates)
 * @param options             media, status callback, content template, scheduled time
 */
public record SendSms(String from, String messagingServiceSid, List<String> to, String bodyTemplate, Map<String, ?> variables,
                      MessageOptions options) implements TwilioRequest {

    private static final Pattern ALPHANUMERIC_ID = Pattern.compile("(?=.*[A-Za-z])[A-Za-z0-9 ]{1,11}");

    public SendSms {
        from = Trimmed.orNull(from);
        messagingServiceSid = Trimmed.orNull(messagingServiceSid);
        to = to == null ? List.of() : to.stream().map(Trimmed::orNull).filter(Objects::nonNull).toList();
        // A template's own whitespace is text: only a blank one counts as none.
        bodyTemplate = bodyTemplate == null || bodyTemplate.isBlank() ? null : bodyTemplate;
        variables = variables == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(variables));
        options = options == null ? MessageOptions.NONE : options;
    }

    /** A text without media, callback, content template or schedule. */
    public SendSms(String from, String messagingServiceSid, List<String> to, String bodyTemplate, Map<String, ?> variables) {
        this(from, messagingServiceSid, to, bodyTemplate, variables, MessageOptions.NONE);
    }

    /**
     * This request as it goes to Twilio: the sender it names wins over the defaults (a number over a
     * Messaging Service, as Twilio would have it), and without a status callback of its own, Twilio
     * reports to {@code defaultStatusCallback}. A scheduled send always needs a Messaging Service; a
     * number it names is the sender within that service.
     */
    public SendSms withDefaults(String defaultFrom, String defaultMessagingServiceSid, URI defaultStatusCallback) {
        String sender;
        String service;
        if (options.sendAt() != null) {
            sender = from;
            service = messagingServiceSid != null ? messagingServiceSid : defaultMessagingServiceSid;
        } else if (from != null || messagingServiceSid != null) {
            sender = from;
            service = from != null ? null : messagingServiceSid;
        } else if (Trimmed.orNull(defaultFrom) != null) {
            sender = defaultFrom;
            service = null;
        } else {
            sender = null;
            service = defaultMessagingServiceSid;
        }
        MessageOptions completed = options.statusCallback() == null && defaultStatusCallback != null
                ? options.withStatusCallback(defaultStatusCallback) : options;
        return new SendSms(sender == null ? null : PhoneAddress.normalise(sender.trim()), service, to, bodyTemplate, variables, completed);
    }

    /**
     * What keeps the whole send from happening: the options, then the sender, the text and the recipients.
     * A recipient that cannot be messaged fails alone: see {@link #recipients()}.
     */
    @Override
    public Optional<TwilioProblem> problem(Instant now) {
        return options.problem(now).or(this::senderProblem).or(() -> {
            if (bodyTemplate == null && !options.carriesContent()) {
                return Optional.of(Refusal.NO_BODY.problem());
            }
            return to.isEmpty() ? Optional.of(Refusal.NO_RECIPIENT.problem()) : Optional.empty();
        });
    }

    /** The recipients to message, each once, and a problem for each one that cannot be messaged. */
    public RecipientList recipients() {
        return Recipients.check(to);
    }

    private Optional<TwilioProblem> senderProblem() {
        if (options.sendAt() != null && messagingServiceSid == null) {
            return Optional.of(Refusal.SCHEDULE_WITHOUT_SERVICE.problem());
        }
        if (from == null && messagingServiceSid == null) {
            return Optional.of(Refusal.NO_SENDER.problem());
        }
        if (from != null && PhoneAddress.check(from).isPresent() && !ALPHANUMERIC_ID.matcher(from).matches()) {
            return Optional.of(Refusal.INVALID_FROM.problem(from));
        }
        if (messagingServiceSid != null && !messagingServiceSid.startsWith("MG")) {
            return Optional.of(Refusal.INVALID_MESSAGING_SERVICE.problem(messagingServiceSid));
        }
        return Optional.empty();
    }
}

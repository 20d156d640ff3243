package dev.twilioconnector.core.sms;

import dev.twilioconnector.core.recipient.PhoneAddress;
import dev.twilioconnector.core.settings.TwilioSettings;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Who a message comes from: a number (or {@code whatsapp:} number), an alphanumeric sender ID, or a
 * Messaging Service. The task's own choice wins over the configured defaults.
 *
 * @param from                the {@code From} parameter, or {@code null}
 * @param messagingServiceSid the {@code MessagingServiceSid} parameter, or {@code null}
 */
record Sender(String from, String messagingServiceSid, boolean scheduled) {

    Sender(String from, String messagingServiceSid) {
        this(from, messagingServiceSid, false);
    }

    static final String NO_SENDER = "no sender: set smsFrom on the task, or TWILIO_FROM (twilio.default-from) "
            + "or TWILIO_MESSAGING_SERVICE_SID (twilio.messaging-service-sid)";
    static final String INVALID_FROM = "smsFrom '%s' is neither an E.164 number nor an alphanumeric sender ID";
    static final String INVALID_SERVICE = "Messaging Service SID '%s' must start with MG";
    static final int INVALID_FROM_CODE = 21212;
    static final String SCHEDULING_NEEDS_SERVICE = "scheduled sending (smsSendAt) needs a Messaging Service: set smsMessagingServiceSid "
            + "on the task or TWILIO_MESSAGING_SERVICE_SID (twilio.messaging-service-sid)";

    private static final Pattern ALPHANUMERIC_ID = Pattern.compile("(?=.*[A-Za-z])[A-Za-z0-9 ]{1,11}");

    static Sender choose(SendSms request, TwilioSettings settings) {
        if (request.options().sendAt() != null) {
            // Twilio schedules only through a Messaging Service; a number given as well is the sender within it.
            String service = present(request.messagingServiceSid()) ? request.messagingServiceSid().trim() : settings.messagingServiceSid();
            String from = present(request.from()) ? PhoneAddress.normalise(request.from().trim()) : null;
            return new Sender(from, service, true);
        }
        if (request.from() != null && !request.from().isBlank()) {
            return new Sender(PhoneAddress.normalise(request.from().trim()), null);
        }
        if (request.messagingServiceSid() != null && !request.messagingServiceSid().isBlank()) {
            return new Sender(null, request.messagingServiceSid().trim());
        }
        if (settings.defaultFrom() != null) {
            return new Sender(PhoneAddress.normalise(settings.defaultFrom()), null);
        }
        return new Sender(null, settings.messagingServiceSid());
    }

    Optional<Problem> problem() {
        if (scheduled && messagingServiceSid == null) {
            return Optional.of(Problem.ofWholeSend(SCHEDULING_NEEDS_SERVICE));
        }
        if (from == null && messagingServiceSid == null) {
            return Optional.of(Problem.ofWholeSend(NO_SENDER));
        }
        if (from != null && PhoneAddress.check(from).isPresent() && !ALPHANUMERIC_ID.matcher(from).matches()) {
            return Optional.of(Problem.ofWholeSend(INVALID_FROM_CODE, INVALID_FROM.formatted(from)));
        }
        if (messagingServiceSid != null && !messagingServiceSid.startsWith("MG")) {
            return Optional.of(Problem.ofWholeSend(INVALID_SERVICE.formatted(messagingServiceSid)));
        }
        return Optional.empty();
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}

package dev.twilioconnector.core.sms;

import com.twilio.base.ResourceSet;
import com.twilio.exception.ApiException;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageReader;
import dev.twilioconnector.core.http.TwilioClients;
import dev.twilioconnector.core.recipient.PhoneAddress;
import dev.twilioconnector.core.settings.TwilioSettings;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads messages back from Twilio: one by its SID, or a filtered list that follows Twilio's paging.
 * Inputs are checked before any request; like sending, it never throws for a Twilio or input problem.
 */
public final class MessageLookup {

    public static final int MAX_PAGE_SIZE = 1000;
    public static final String MISSING_SID = "messageSid is missing";
    public static final String INVALID_SID = "messageSid '%s' is not a message SID (SM or MM and 32 hex digits)";
    public static final String PAGE_SIZE_RANGE = "pageSize must be a whole number from 1 to 1000, was '%s'";
    public static final String LIMIT_RANGE = "limit must be a whole number of at least 1, was '%s'";
    public static final String BAD_DATE = "%s '%s' is not a date (2026-11-22) or a time with its zone (2026-11-22T09:00:00Z)";
    public static final String BAD_NUMBER = "%s '%s' is not a phone number in E.164 form";

    private static final Pattern MESSAGE_SID = Pattern.compile("(SM|MM)[0-9a-fA-F]{32}");

    private final TwilioSettings settings;
    private final TwilioClients clients;

    public MessageLookup(TwilioSettings settings, TwilioClients clients) {
        this.settings = settings;
        this.clients = clients;
    }

    /**
     * What a lookup found.
     *
     * @param resultJson the message as a JSON object (fetch) or the messages as a JSON array (list);
     *                   {@code null} for a failed fetch, {@code []} for a failed list
     * @param errorJson  {@code null}, or a JSON array with one problem
     */
    public record Found(String resultJson, String errorJson) {
    }

    public Found fetch(Object messageSid) {
        Optional<String> credentialsProblem = settings.credentialsProblem();
        if (credentialsProblem.isPresent()) {
            return failed(null, credentialsProblem.get());
        }
        if (messageSid == null || messageSid.toString().isBlank()) {
            return failed(null, MISSING_SID);
        }
        String sid = messageSid.toString().trim();
        if (!MESSAGE_SID.matcher(sid).matches()) {
            return failed(null, INVALID_SID.formatted(sid));
        }
        try {
            Message message = Message.fetcher(sid).fetch(clients.forCredentials(settings.credentials().orElseThrow()));
            return new Found(OutcomeJson.write(describe(message)), null);
        } catch (ApiException e) {
            return new Found(null, OutcomeJson.error(RequestFailure.of(e, settings)));
        }
    }

    public Found list(Object dateSentAfter, Object dateSentBefore, Object from, Object to, Object pageSize, Object limit) {
        Optional<String> credentialsProblem = settings.credentialsProblem();
        if (credentialsProblem.isPresent()) {
            return failed("[]", credentialsProblem.get());
        }
        MessageReader reader = Message.reader();
        try {
            ZonedDateTime after = date("dateSentAfter", dateSentAfter);
            ZonedDateTime before = date("dateSentBefore", dateSentBefore);
            if (after != null) {
                reader.setDateSentAfter(after);
            }
            if (before != null) {
                reader.setDateSentBefore(before);
            }
            number("from", from).ifPresent(reader::setFrom);
            number("to", to).ifPresent(reader::setTo);
            Long size = whole(pageSize, 1, MAX_PAGE_SIZE, PAGE_SIZE_RANGE);
            Long most = whole(limit, 1, Long.MAX_VALUE, LIMIT_RANGE);
            if (size != null) {
                reader.pageSize(size.intValue());
            }
            if (most != null) {
                reader.limit(most);
            }
        } catch (IllegalArgumentException e) {
            return failed("[]", e.getMessage());
        }
        try {
            ResourceSet<Message> messages = reader.read(clients.forCredentials(settings.credentials().orElseThrow()));
            List<Map<String, Object>> found = new ArrayList<>();
            messages.forEach(message -> found.add(describe(message)));
            return new Found(OutcomeJson.write(found), null);
        } catch (ApiException e) {
            return new Found("[]", OutcomeJson.error(RequestFailure.of(e, settings)));
        }
    }

    private static Map<String, Object> describe(Message message) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("sid", message.getSid());
        entry.put("to", message.getTo());
        entry.put("from", message.getFrom() == null ? null : message.getFrom().toString());
        entry.put("body", message.getBody());
        entry.put("status", message.getStatus() == null ? null : message.getStatus().toString());
        entry.put("direction", message.getDirection() == null ? null : message.getDirection().toString());
        entry.put("messagingServiceSid", message.getMessagingServiceSid());
        entry.put("numSegments", message.getNumSegments());
        entry.put("numMedia", message.getNumMedia());
        entry.put("errorCode", message.getErrorCode());
        entry.put("errorMessage", message.getErrorMessage());
        entry.put("price", message.getPrice());
        entry.put("priceUnit", message.getPriceUnit() == null ? null : message.getPriceUnit().getCurrencyCode());
        entry.put("dateCreated", text(message.getDateCreated()));
        entry.put("dateSent", text(message.getDateSent()));
        entry.put("dateUpdated", text(message.getDateUpdated()));
        return entry;
    }

    private static String text(ZonedDateTime time) {
        return time == null ? null : time.toOffsetDateTime().toString();
    }

    private static ZonedDateTime date(String name, Object value) {
        if (value == null || value.toString().isBlank()) {
            return null;
        }
        if (value instanceof Date date) {
            return date.toInstant().atZone(ZoneOffset.UTC);
        }
        String text = value.toString().trim();
        try {
            return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC) : OffsetDateTime.parse(text).atZoneSameInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(BAD_DATE.formatted(name, text));
        }
    }

    private static Optional<String> number(String name, Object value) {
        if (value == null || value.toString().isBlank()) {
            return Optional.empty();
        }
        String number = value.toString().trim();
        if (PhoneAddress.check(number).isPresent()) {
            throw new IllegalArgumentException(BAD_NUMBER.formatted(name, number));
        }
        return Optional.of(PhoneAddress.normalise(number));
    }

    private static Long whole(Object value, long min, long max, String problem) {
        if (value == null || value.toString().isBlank()) {
            return null;
        }
        try {
            long number = value instanceof Number n && n.doubleValue() == n.longValue() ? n.longValue() : Long.parseLong(value.toString().trim());
            if (number < min || number > max) {
                throw new IllegalArgumentException(problem.formatted(value));
            }
            return number;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(problem.formatted(value));
        }
    }

    private static Found failed(String result, String message) {
        return new Found(result, OutcomeJson.error(Problem.ofWholeSend(message)));
    }
}

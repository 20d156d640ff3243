package dev.twilioconnector.emulator;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Twilio's Messages API (2010-04-01): create, fetch and list with paging, with Twilio's checks and
 * error codes. Nothing leaves the machine: a message is recorded in {@link Messages} and, when it
 * asks for them, reported by the {@link StatusReporter}.
 */
final class MessagesApi {

    static final int DEFAULT_PAGE_SIZE = 50;
    static final int MAX_PAGE_SIZE = 1000;
    static final int MAX_BODY_LENGTH = 1600;

    static final Pattern PHONE_NUMBER = Pattern.compile("^(whatsapp:)?\\+[1-9]\\d{1,14}$");
    /** What Twilio takes as a sender besides a phone number: a short code or an alphanumeric sender ID. */
    private static final Pattern OTHER_SENDER = Pattern.compile("^(\\d{3,8}|(?=.*[A-Za-z])[A-Za-z0-9 ]{1,11})$");
    private static final Pattern URL = Pattern.compile("(?i)^https?://\\S+$");
    private static final String NEXT_TOKEN = "PA";
    private static final String PREVIOUS_TOKEN = "PB";
    private static final List<String> FILTERS = List.of("To", "From", "DateSent", "DateSent>", "DateSent<");

    private final Messages messages;
    private final Counts counts;
    private final OptOuts optOuts;
    private final StatusReporter reporter;
    private final Clock clock;

    MessagesApi(Messages messages, Counts counts, OptOuts optOuts, StatusReporter reporter, Clock clock) {
        this.messages = messages;
        this.counts = counts;
        this.optOuts = optOuts;
        this.reporter = reporter;
        this.clock = clock;
    }

    ApiResult create(Account account, RecordedRequest request) {
        String to = present(request.param("To"));
        String from = present(request.param("From"));
        String messagingServiceSid = present(request.param("MessagingServiceSid"));
        String body = request.param("Body") == null ? "" : request.param("Body");
        List<String> mediaUrls = new ArrayList<>();
        request.params("MediaUrl").stream().filter(url -> !url.isBlank()).forEach(url -> mediaUrls.add(url.trim()));
        String contentSid = present(request.param("ContentSid"));
        String statusCallback = present(request.param("StatusCallback"));
        if (to == null) {
            return ApiResult.error(400, 21604, "A 'To' phone number is required.");
        }
        if (from == null && messagingServiceSid == null) {
            return ApiResult.error(400, 21603, "A 'From' phone number is required.");
        }
        if (body.isBlank() && mediaUrls.isEmpty() && contentSid == null) {
            return ApiResult.error(400, 21602, "Message body is required.");
        }
        if (!PHONE_NUMBER.matcher(to).matches()) {
            return ApiResult.error(400, 21211, "The 'To' number " + to + " is not a valid phone number.");
        }
        if (from != null && !PHONE_NUMBER.matcher(from).matches() && !OTHER_SENDER.matcher(from).matches()) {
            return ApiResult.error(400, 21212,
                    "The 'From' number " + from + " is not a valid phone number, shortcode, or alphanumeric sender ID.");
        }
        if (body.codePointCount(0, body.length()) > MAX_BODY_LENGTH) {
            return ApiResult.error(400, 21617, "The concatenated message body exceeds the " + MAX_BODY_LENGTH + " character limit.");
        }
        if (statusCallback != null && !URL.matcher(statusCallback).matches()) {
            return ApiResult.error(400, 21609, "The StatusCallback URL " + statusCallback + " is not a valid URL.");
        }
        // A Messaging Service picks a sender from its pool; the emulated pool is the account's number.
        String sender = from != null ? from : account.number();
        if (optOuts.isOptedOut(account.sid(), to, sender)) {
            return ApiResult.error(400, 21610, "Attempt to send to unsubscribed recipient");
        }
        boolean scheduled = present(request.param("SendAt")) != null && "fixed".equalsIgnoreCase(request.param("ScheduleType"));
        Instant now = clock.instant();
        Message message = new Message(Sids.message(), account.sid(), Message.OUTBOUND_API, sender, to, body,
                scheduled ? Message.SCHEDULED : Message.QUEUED, null, messagingServiceSid, mediaUrls, statusCallback, now, null, now,
                null);
        messages.add(message);
        counts.countAccepted(to);
        if (statusCallback != null && !scheduled) {
            reporter.follow(message, account);
        }
        return ApiResult.of(201, TwilioJson.message(message));
    }

    ApiResult fetch(Account account, String sid, String path) {
        return messages.find(sid)
                .filter(message -> message.accountSid().equals(account.sid()))
                .map(message -> ApiResult.of(200, TwilioJson.message(message)))
                .orElseGet(() -> ApiResult.notFound(path));
    }

    ApiResult list(Account account, RecordedRequest request) {
        int pageSize = Math.min(Math.max(intOr(request.param("PageSize"), DEFAULT_PAGE_SIZE), 1), MAX_PAGE_SIZE);
        int page = Math.max(intOr(request.param("Page"), 0), 0);
        String token = present(request.param("PageToken"));
        Map<String, String> filters = new LinkedHashMap<>();
        for (String name : FILTERS) {
            String value = present(request.param(name));
            if (value != null) {
                filters.put(name, value);
            }
        }
        Predicate<Message> selected;
        try {
            selected = selection(filters);
        } catch (DateTimeParseException e) {
            return ApiResult.error(400, 20001, "Invalid date in DateSent: " + e.getParsedString());
        }
        List<Message> all = messages.newestFirst(account.sid(), selected);
        int start = startOf(all, page, pageSize, token);
        List<Message> items = all.subList(Math.min(start, all.size()), Math.min(start + pageSize, all.size()));
        String base = TwilioPaths.accountUri(account.sid()) + "/Messages.json";
        List<Object> records = new ArrayList<>(items.size());
        items.forEach(message -> records.add(TwilioJson.message(message)));

        Map<String, Object> json = new LinkedHashMap<>();
        json.put("first_page_uri", pageUri(base, filters, pageSize, 0, null));
        json.put("end", page * pageSize + Math.max(items.size() - 1, 0));
        json.put("previous_page_uri", page == 0 ? null
                : pageUri(base, filters, pageSize, page - 1, items.isEmpty() ? null : PREVIOUS_TOKEN + items.get(0).sid()));
        json.put("messages", records);
        json.put("uri", pageUri(base, filters, pageSize, page, token));
        json.put("page_size", pageSize);
        json.put("start", page * pageSize);
        json.put("next_page_uri", start + pageSize < all.size()
                ? pageUri(base, filters, pageSize, page + 1, NEXT_TOKEN + items.get(items.size() - 1).sid())
                : null);
        json.put("page", page);
        return ApiResult.of(200, json);
    }

    /**
     * Where a page starts in the filtered list. A page token names the message the page follows
     * ({@code PA}…) or precedes ({@code PB}…), so paging stays exact while new messages arrive; without
     * one, or once that message is forgotten, the page number counts.
     */
    private static int startOf(List<Message> all, int page, int pageSize, String token) {
        if (token != null && token.length() > 2) {
            int index = indexOf(all, token.substring(2));
            if (index >= 0 && token.startsWith(NEXT_TOKEN)) {
                return index + 1;
            }
            if (index >= 0 && token.startsWith(PREVIOUS_TOKEN)) {
                return Math.max(index - pageSize, 0);
            }
        }
        return (int) Math.min((long) page * pageSize, Integer.MAX_VALUE);
    }

    private static int indexOf(List<Message> all, String sid) {
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).sid().equals(sid)) {
                return i;
            }
        }
        return -1;
    }

    private static Predicate<Message> selection(Map<String, String> filters) {
        Predicate<Message> selected = message -> true;
        String to = filters.get("To");
        if (to != null) {
            selected = selected.and(message -> to.equals(message.to()));
        }
        String from = filters.get("From");
        if (from != null) {
            selected = selected.and(message -> from.equals(message.from()));
        }
        String on = filters.get("DateSent");
        if (on != null) {
            LocalDate day = LocalDate.parse(on.substring(0, Math.min(on.length(), 10)));
            Instant dayStart = day.atStartOfDay().toInstant(ZoneOffset.UTC);
            Instant nextDay = day.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
            selected = selected.and(message -> !message.sentOrCreated().isBefore(dayStart) && message.sentOrCreated().isBefore(nextDay));
        }
        String after = filters.get("DateSent>");
        if (after != null) {
            Instant lower = instant(after, false);
            selected = selected.and(message -> !message.sentOrCreated().isBefore(lower));
        }
        String before = filters.get("DateSent<");
        if (before != null) {
            Instant upper = instant(before, true);
            selected = selected.and(message -> !message.sentOrCreated().isAfter(upper));
        }
        return selected;
    }

    /** A date ({@code 2026-11-22}: the whole day counts) or a date-time ({@code 2026-11-22T10:00:00}, UTC unless it has an offset). */
    private static Instant instant(String text, boolean upperBound) {
        if (text.length() == 10) {
            LocalDate day = LocalDate.parse(text);
            return upperBound
                    ? day.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).minusNanos(1)
                    : day.atStartOfDay().toInstant(ZoneOffset.UTC);
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException noOffset) {
            return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        }
    }

    private static String pageUri(String base, Map<String, String> filters, int pageSize, int page, String token) {
        StringBuilder uri = new StringBuilder(base).append('?');
        filters.forEach((name, value) -> uri.append(FormCodec.encodePart(name)).append('=').append(FormCodec.encodePart(value)).append('&'));
        uri.append("PageSize=").append(pageSize).append("&Page=").append(page);
        if (token != null) {
            uri.append("&PageToken=").append(FormCodec.encodePart(token));
        }
        return uri.toString();
    }

    private static int intOr(String text, int fallback) {
        try {
            return text == null ? fallback : Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    static String present(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}

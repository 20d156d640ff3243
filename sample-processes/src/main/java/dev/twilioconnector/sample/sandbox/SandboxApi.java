package dev.twilioconnector.sample.sandbox;

import dev.twilioconnector.core.settings.TwilioSettings;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The sandbox's Twilio Messages API (2010-04-01) under {@code /sandbox}: create, fetch and list
 * messages with Twilio's paths, Basic authentication, JSON fields, paging and error codes, so the
 * connector and the Twilio SDK run unchanged against it. Nothing leaves the machine: a "sent" message
 * is recorded in {@link SandboxMessages}; with a {@code StatusCallback}, {@link SandboxStatusReports}
 * reports it sent and delivered as Twilio would (otherwise it stays {@code queued}).
 *
 * <p>Active only in sandbox mode ({@code twilio.sandbox.enabled=true}, see {@link SandboxMode}).
 */
@RestController
@RequestMapping(SandboxMode.BASE_PATH + "/" + TwilioJson.API_VERSION + "/Accounts/{accountSid}")
@ConditionalOnProperty(name = SandboxMode.ENABLED, havingValue = "true")
public class SandboxApi {

    public static final int DEFAULT_PAGE_SIZE = 50;
    public static final int MAX_PAGE_SIZE = 1000;
    public static final int MAX_BODY_LENGTH = 1600;

    static final Pattern E164 = Pattern.compile("^(whatsapp:)?\\+[1-9]\\d{1,14}$");
    /** What Twilio takes as a sender besides an E.164 number: a short code or an alphanumeric sender ID. */
    private static final Pattern OTHER_SENDER = Pattern.compile("^(\\d{3,8}|(?=.*[A-Za-z])[A-Za-z0-9 ]{1,11})$");
    private static final MediaType JSON = new MediaType("application", "json", StandardCharsets.UTF_8);
    private static final String NEXT_TOKEN = "PA";
    private static final String PREVIOUS_TOKEN = "PB";
    private static final List<String> FILTERS = List.of("To", "From", "DateSent", "DateSent>", "DateSent<");

    private final SandboxMessages messages;
    private final TwilioSettings settings;
    private final SandboxStatusReports reports;

    public SandboxApi(SandboxMessages messages, TwilioSettings settings, SandboxStatusReports reports) {
        this.messages = messages;
        this.settings = settings;
        this.reports = reports;
    }

    @PostMapping("/Messages.json")
    public ResponseEntity<String> create(@PathVariable String accountSid,
                                         @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
                                         @RequestParam MultiValueMap<String, String> form) {
        Optional<ResponseEntity<String>> refused = refuse(accountSid, authorization, "/Messages.json");
        if (refused.isPresent()) {
            return refused.get();
        }
        String to = blankToNull(form.getFirst("To"));
        String from = blankToNull(form.getFirst("From"));
        String messagingServiceSid = blankToNull(form.getFirst("MessagingServiceSid"));
        String body = form.getFirst("Body") == null ? "" : form.getFirst("Body");
        List<String> mediaUrls = new ArrayList<>();
        Optional.ofNullable(form.get("MediaUrl")).orElse(List.of()).stream()
                .filter(url -> url != null && !url.isBlank()).forEach(url -> mediaUrls.add(url.trim()));
        if (to == null) {
            return error(HttpStatus.BAD_REQUEST, 21604, "A 'To' phone number is required.");
        }
        if (from == null && messagingServiceSid == null) {
            return error(HttpStatus.BAD_REQUEST, 21603, "A 'From' phone number is required.");
        }
        if (body.isBlank() && mediaUrls.isEmpty()) {
            return error(HttpStatus.BAD_REQUEST, 21602, "Message body is required.");
        }
        if (!E164.matcher(to).matches()) {
            return error(HttpStatus.BAD_REQUEST, 21211, "The 'To' number " + to + " is not a valid phone number.");
        }
        if (from != null && !E164.matcher(from).matches() && !OTHER_SENDER.matcher(from).matches()) {
            return error(HttpStatus.BAD_REQUEST, 21212,
                    "The 'From' number " + from + " is not a valid phone number, shortcode, or alphanumeric sender ID.");
        }
        if (body.codePointCount(0, body.length()) > MAX_BODY_LENGTH) {
            return error(HttpStatus.BAD_REQUEST, 21617,
                    "The concatenated message body exceeds the " + MAX_BODY_LENGTH + " character limit.");
        }
        // A Messaging Service picks a sender from its pool; the sandbox's pool is its own number.
        String sender = from != null ? from : Optional.ofNullable(settings.defaultFrom()).orElse(SandboxMode.DEFAULT_FROM);
        String statusCallback = blankToNull(form.getFirst("StatusCallback"));
        if (statusCallback != null && !statusCallback.matches("(?i)^https?://\\S+$")) {
            return error(HttpStatus.BAD_REQUEST, 21609, "The StatusCallback URL " + statusCallback + " is not a valid URL.");
        }
        SandboxMessage message = messages.createOutbound(sender, to, body, mediaUrls, messagingServiceSid);
        if (statusCallback != null) {
            reports.follow(message, statusCallback, accountSid);
        }
        return json(HttpStatus.CREATED, TwilioJson.message(message, accountSid, messagingServiceSid));
    }

    @GetMapping("/Messages/{sid}.json")
    public ResponseEntity<String> fetch(@PathVariable String accountSid, @PathVariable String sid,
                                        @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        String path = "/Messages/" + sid + ".json";
        Optional<ResponseEntity<String>> refused = refuse(accountSid, authorization, path);
        if (refused.isPresent()) {
            return refused.get();
        }
        return messages.find(sid)
                .map(message -> json(HttpStatus.OK,
                        TwilioJson.message(message, accountSid, messages.messagingServiceSid(sid).orElse(null))))
                .orElseGet(() -> notFound(accountSid, path));
    }

    @GetMapping("/Messages.json")
    public ResponseEntity<String> list(@PathVariable String accountSid,
                                       @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
                                       @RequestParam MultiValueMap<String, String> query) {
        Optional<ResponseEntity<String>> refused = refuse(accountSid, authorization, "/Messages.json");
        if (refused.isPresent()) {
            return refused.get();
        }
        int pageSize = Math.min(Math.max(intOr(query.getFirst("PageSize"), DEFAULT_PAGE_SIZE), 1), MAX_PAGE_SIZE);
        int page = Math.max(intOr(query.getFirst("Page"), 0), 0);
        String token = blankToNull(query.getFirst("PageToken"));
        Map<String, String> filters = new LinkedHashMap<>();
        FILTERS.forEach(name -> Optional.ofNullable(blankToNull(query.getFirst(name))).ifPresent(value -> filters.put(name, value)));
        Predicate<SandboxMessage> selected;
        try {
            selected = selection(filters);
        } catch (DateTimeParseException e) {
            return error(HttpStatus.BAD_REQUEST, 20001, "Invalid date in DateSent: " + e.getParsedString());
        }
        List<SandboxMessage> all = messages.newestFirst().stream().filter(selected).toList();

        int start = startOf(all, page, pageSize, token);
        List<SandboxMessage> items = all.subList(Math.min(start, all.size()), Math.min(start + pageSize, all.size()));
        String base = TwilioJson.accountUri(accountSid) + "/Messages.json";
        List<Map<String, Object>> records = new ArrayList<>();
        items.forEach(message -> records.add(TwilioJson.message(message, accountSid,
                messages.messagingServiceSid(message.sid()).orElse(null))));

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
        return json(HttpStatus.OK, json);
    }

    /**
     * Where a page starts in the filtered list. A page token names the message the page follows
     * ({@code PA}…) or precedes ({@code PB}…), so paging stays exact while new messages arrive; without
     * one, or once that message is forgotten, the page number counts.
     */
    private static int startOf(List<SandboxMessage> all, int page, int pageSize, String token) {
        if (token != null && token.length() > 2) {
            String sid = token.substring(2);
            int index = indexOf(all, sid);
            if (index >= 0 && token.startsWith(NEXT_TOKEN)) {
                return index + 1;
            }
            if (index >= 0 && token.startsWith(PREVIOUS_TOKEN)) {
                return Math.max(index - pageSize, 0);
            }
        }
        return (int) Math.min((long) page * pageSize, Integer.MAX_VALUE);
    }

    private static int indexOf(List<SandboxMessage> all, String sid) {
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).sid().equals(sid)) {
                return i;
            }
        }
        return -1;
    }

    private static Predicate<SandboxMessage> selection(Map<String, String> filters) {
        Predicate<SandboxMessage> selected = message -> true;
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
            Instant from0 = day.atStartOfDay().toInstant(ZoneOffset.UTC);
            Instant until = day.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
            selected = selected.and(message -> !message.createdAt().isBefore(from0) && message.createdAt().isBefore(until));
        }
        String after = filters.get("DateSent>");
        if (after != null) {
            Instant lower = instant(after, false);
            selected = selected.and(message -> !message.createdAt().isBefore(lower));
        }
        String before = filters.get("DateSent<");
        if (before != null) {
            Instant upper = instant(before, true);
            selected = selected.and(message -> !message.createdAt().isAfter(upper));
        }
        return selected;
    }

    /** A date ({@code 2026-11-22}: the whole day counts) or a UTC date-time ({@code 2026-11-22T10:00:00}, optionally with an offset). */
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
        filters.forEach((name, value) -> uri.append(encode(name)).append('=').append(encode(value)).append('&'));
        uri.append("PageSize=").append(pageSize).append("&Page=").append(page);
        if (token != null) {
            uri.append("&PageToken=").append(encode(token));
        }
        return uri.toString();
    }

    /** 401 unless the request carries the sandbox's credentials; 404 unless the path names the sandbox's account. */
    private Optional<ResponseEntity<String>> refuse(String accountSid, String authorization, String path) {
        if (!authenticated(authorization)) {
            return Optional.of(ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"Twilio API\"")
                    .contentType(JSON)
                    .body(TwilioJson.write(TwilioJson.error(401, 20003, "Authenticate"))));
        }
        if (!accountSid.equals(settings.accountSid())) {
            return Optional.of(notFound(accountSid, path));
        }
        return Optional.empty();
    }

    /** The account and its auth token, or (when configured) the API key and its secret. */
    private boolean authenticated(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return false;
        }
        String username = decoded.substring(0, colon);
        String password = decoded.substring(colon + 1);
        return matches(username, password, settings.accountSid(), settings.authToken())
                | matches(username, password, settings.apiKey(), settings.apiSecret());
    }

    private static boolean matches(String username, String password, String expectedUser, String expectedPassword) {
        if (expectedUser == null || expectedPassword == null) {
            return false;
        }
        return MessageDigest.isEqual(username.getBytes(StandardCharsets.UTF_8), expectedUser.getBytes(StandardCharsets.UTF_8))
                & MessageDigest.isEqual(password.getBytes(StandardCharsets.UTF_8), expectedPassword.getBytes(StandardCharsets.UTF_8));
    }

    private static ResponseEntity<String> notFound(String accountSid, String path) {
        return error(HttpStatus.NOT_FOUND, 20404,
                "The requested resource " + TwilioJson.accountUri(accountSid) + path + " was not found");
    }

    private static ResponseEntity<String> error(HttpStatus status, int code, String text) {
        return json(status, TwilioJson.error(status.value(), code, text));
    }

    private static ResponseEntity<String> json(HttpStatus status, Object body) {
        return ResponseEntity.status(status).contentType(JSON).body(TwilioJson.write(body));
    }

    private static int intOr(String text, int fallback) {
        try {
            return text == null ? fallback : Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}

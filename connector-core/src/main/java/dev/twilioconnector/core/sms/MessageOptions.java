package dev.twilioconnector.core.sms;

import dev.twilioconnector.core.Refusal;
import dev.twilioconnector.core.Trimmed;
import dev.twilioconnector.core.TwilioProblem;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a message carries besides its text.
 *
 * @param mediaUrls        {@code MediaUrl}: media to attach (MMS, WhatsApp), at most {@value #MAX_MEDIA}
 * @param statusCallback   {@code StatusCallback}: where Twilio reports the message's delivery status, or {@code null}
 * @param contentSid       {@code ContentSid}: an approved content template ({@code HX…}, e.g. a WhatsApp template), or {@code null}
 * @param contentVariables {@code ContentVariables}: the content template's variables, or {@code null}
 * @param sendAt           {@code SendAt}: when Twilio is to send it (scheduled sending), or {@code null} for now
 */
public record MessageOptions(List<URI> mediaUrls, URI statusCallback, String contentSid, Map<String, ?> contentVariables,
                             Instant sendAt) {

    public static final MessageOptions NONE = new MessageOptions(List.of(), null, null, null, null);
    public static final int MAX_MEDIA = 10;
    /** Twilio schedules from 15 minutes to 35 days ahead. */
    public static final Duration EARLIEST_SCHEDULE = Duration.ofMinutes(15);
    public static final Duration LATEST_SCHEDULE = Duration.ofDays(35);

    public MessageOptions {
        mediaUrls = mediaUrls == null ? List.of() : mediaUrls.stream().filter(Objects::nonNull).toList();
        contentSid = Trimmed.orNull(contentSid);
        contentVariables = contentVariables == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(contentVariables));
    }

    /** Whether a message needs no text: it has media or a content template. */
    public boolean carriesContent() {
        return !mediaUrls.isEmpty() || contentSid != null;
    }

    public MessageOptions withStatusCallback(URI callback) {
        return new MessageOptions(mediaUrls, callback, contentSid, contentVariables, sendAt);
    }

    /** The first option Twilio would refuse, checked at {@code now}. */
    Optional<TwilioProblem> problem(Instant now) {
        if (mediaUrls.size() > MAX_MEDIA) {
            return Optional.of(Refusal.TOO_MANY_MEDIA.problem(String.valueOf(mediaUrls.size())));
        }
        Optional<URI> notHttp = mediaUrls.stream().filter(url -> !isHttp(url)).findFirst();
        if (notHttp.isPresent()) {
            return Optional.of(Refusal.MEDIA_NOT_HTTP.problem(notHttp.get().toString()));
        }
        if (statusCallback != null && !isHttp(statusCallback)) {
            return Optional.of(Refusal.CALLBACK_NOT_HTTP.problem(statusCallback.toString()));
        }
        if (contentSid != null && !contentSid.startsWith("HX")) {
            return Optional.of(Refusal.CONTENT_SID_FORMAT.problem(contentSid));
        }
        if (contentVariables != null && contentSid == null) {
            return Optional.of(Refusal.CONTENT_VARIABLES_WITHOUT_SID.problem());
        }
        if (sendAt != null && (sendAt.isBefore(now.plus(EARLIEST_SCHEDULE)) || sendAt.isAfter(now.plus(LATEST_SCHEDULE)))) {
            return Optional.of(Refusal.SEND_AT_RANGE.problem(sendAt.toString()));
        }
        return Optional.empty();
    }

    private static boolean isHttp(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
    }
}

package dev.twilioconnector.inbound.webhook;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One message as Twilio posts it to the webhook.
 *
 * @param messageSid Twilio's id of the message ({@code SM…}); the same on every retry
 * @param from       the sender
 * @param to         the number it was sent to (ours)
 * @param body       the text, {@code ""} for a media-only message
 * @param optOutType {@code STOP}, {@code START} or {@code HELP} when Twilio recognised an opt-out keyword, else {@code null}
 * @param mediaUrls  the attached media, in order
 */
public record InboundSms(String messageSid, String from, String to, String body, String optOutType, List<String> mediaUrls) {

    /** Twilio's SIDs are two letters and 32 hex digits; a longer one is no message of Twilio's and would not fit the ledger. */
    public static final int MAX_SID_LENGTH = 40;
    private static final Pattern SID = Pattern.compile("[A-Za-z0-9_-]{1," + MAX_SID_LENGTH + "}");

    public InboundSms {
        body = body == null ? "" : body;
        mediaUrls = List.copyOf(mediaUrls);
    }

    /** Reads Twilio's form parameters ({@code MessageSid}, {@code From}, {@code To}, {@code Body}, {@code OptOutType}, {@code NumMedia}, {@code MediaUrlN}). */
    public static InboundSms of(Map<String, String> form) {
        String sid = form.get("MessageSid") != null ? form.get("MessageSid") : form.get("SmsMessageSid");
        List<String> media = new ArrayList<>();
        int count = parseCount(form.get("NumMedia"));
        for (int i = 0; i < count; i++) {
            String url = form.get("MediaUrl" + i);
            if (url != null && !url.isBlank()) {
                media.add(url);
            }
        }
        return new InboundSms(sid, form.get("From"), form.get("To"), form.get("Body"), form.get("OptOutType"), media);
    }

    /** Whether {@code sid} can be a Twilio SID: letters, digits, {@code _} or {@code -}, at most {@link #MAX_SID_LENGTH} of them. */
    public static boolean isWellFormedSid(String sid) {
        return sid != null && SID.matcher(sid).matches();
    }

    /** STOP, START or HELP: Twilio recognised one of its opt-out keywords, and processes hear of it as {@code SMS_OPT_OUT}. */
    public boolean hasOptOutType() {
        return isOptOut() || isAnsweredByTwilio();
    }

    public boolean isOptOut() {
        return "STOP".equalsIgnoreCase(optOutType);
    }

    /** START or HELP: Twilio has answered the sender itself. */
    public boolean isAnsweredByTwilio() {
        return "START".equalsIgnoreCase(optOutType) || "HELP".equalsIgnoreCase(optOutType);
    }

    private static int parseCount(String text) {
        try {
            return text == null ? 0 : Math.min(Math.max(Integer.parseInt(text.trim()), 0), 10);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}

package dev.twilioconnector.inbound.webhook;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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

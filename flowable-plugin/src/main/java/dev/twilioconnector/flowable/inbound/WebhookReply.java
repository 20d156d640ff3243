package dev.twilioconnector.flowable.inbound;

import java.util.List;

/**
 * What a webhook answers an incoming message with, in its TwiML: a trigger's echo, or the answer of a process's
 * {@code twilioConnector.REPLY} with the media it attaches.
 *
 * @param text      the text, or {@code null} for media alone
 * @param mediaUrls the media to attach
 */
public record WebhookReply(String text, List<String> mediaUrls) {

    public WebhookReply {
        mediaUrls = List.copyOf(mediaUrls);
    }

    /** A text alone; no reply at all ({@code null}) for no text. */
    public static WebhookReply text(String text) {
        return text == null ? null : new WebhookReply(text, List.of());
    }
}

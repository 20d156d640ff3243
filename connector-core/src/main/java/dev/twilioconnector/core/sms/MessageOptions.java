package dev.twilioconnector.core.sms;

import java.net.URI;
import java.time.Instant;
import java.util.List;

/**
 * What a message carries besides its text.
 *
 * @param mediaUrls        media to attach (MMS, WhatsApp), at most {@value MessageOptionsParser#MAX_MEDIA}
 * @param statusCallback   where Twilio reports the message's delivery status, or {@code null}
 * @param contentSid       an approved content template ({@code HX…}, e.g. a WhatsApp template), or {@code null}
 * @param contentVariables the template's variables as a JSON object, or {@code null}
 * @param sendAt           when Twilio is to send it (scheduled sending), or {@code null} for now
 */
public record MessageOptions(List<URI> mediaUrls, URI statusCallback, String contentSid, String contentVariables, Instant sendAt) {

    public static final MessageOptions NONE = new MessageOptions(List.of(), null, null, null, null);

    public MessageOptions {
        mediaUrls = mediaUrls == null ? List.of() : List.copyOf(mediaUrls);
    }

    /** Whether a message needs no text: it has media or a content template. */
    public boolean carriesContent() {
        return !mediaUrls.isEmpty() || contentSid != null;
    }

    public MessageOptions withStatusCallback(URI callback) {
        return new MessageOptions(mediaUrls, callback, contentSid, contentVariables, sendAt);
    }
}

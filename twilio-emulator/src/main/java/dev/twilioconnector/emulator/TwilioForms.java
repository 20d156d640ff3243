package dev.twilioconnector.emulator;

import java.net.URLConnection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parameters Twilio posts to an application: an incoming message to the messaging webhook, a
 * status report to a message's status callback. Mutable maps in Twilio's order, for a test to change
 * or add to before posting them with a {@link WebhookSender}.
 */
public final class TwilioForms {

    private TwilioForms() {
    }

    /** An incoming SMS (with media: MMS) from {@code from} to the application's number {@code to}. */
    public static Map<String, String> incomingMessage(String accountSid, String messageSid, String from, String to, String body,
                                                      List<String> mediaUrls) {
        String text = body == null ? "" : body;
        Map<String, String> form = new LinkedHashMap<>();
        form.put("ToCountry", "US");
        form.put("SmsMessageSid", messageSid);
        form.put("NumMedia", String.valueOf(mediaUrls.size()));
        form.put("SmsSid", messageSid);
        form.put("SmsStatus", Message.RECEIVED);
        form.put("Body", text);
        form.put("To", to);
        form.put("NumSegments", String.valueOf(SmsSegments.of(text)));
        form.put("MessageSid", messageSid);
        form.put("AccountSid", accountSid);
        form.put("From", from);
        form.put("ApiVersion", TwilioPaths.API_VERSION);
        for (int i = 0; i < mediaUrls.size(); i++) {
            form.put("MediaUrl" + i, mediaUrls.get(i));
            form.put("MediaContentType" + i, contentType(mediaUrls.get(i)));
        }
        return form;
    }

    /** A report that message {@code messageSid} from {@code from} to {@code to} reached {@code status}; {@code errorCode} may be {@code null}. */
    public static Map<String, String> statusReport(String accountSid, String messageSid, String from, String to, String status,
                                                   Integer errorCode) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("AccountSid", accountSid);
        form.put("ApiVersion", TwilioPaths.API_VERSION);
        form.put("MessageSid", messageSid);
        form.put("SmsSid", messageSid);
        form.put("MessageStatus", status);
        form.put("SmsStatus", status);
        form.put("To", to);
        form.put("From", from);
        if (errorCode != null) {
            form.put("ErrorCode", String.valueOf(errorCode));
        }
        return form;
    }

    /** {@code form} as Twilio posts it: {@code application/x-www-form-urlencoded}, in the map's order. */
    public static String encode(Map<String, String> form) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        form.forEach((name, value) -> values.put(name, List.of(value)));
        return FormCodec.encode(values);
    }

    private static String contentType(String url) {
        String guessed = URLConnection.guessContentTypeFromName(url.replaceAll("[?#].*$", ""));
        return guessed == null ? "image/jpeg" : guessed;
    }
}

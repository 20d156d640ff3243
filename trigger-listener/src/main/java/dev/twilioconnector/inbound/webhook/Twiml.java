package dev.twilioconnector.inbound.webhook;

import java.util.List;

/**
 * The webhook's answer: {@code <Response><Message>…</Message></Response>}, or {@code <Response/>} when
 * there is nothing to say. Written directly rather than through the SDK's TwiML builder, which sets up
 * a new XML transformer for every reply (a tenth of the webhook's time under load) to write one element.
 */
public final class Twiml {

    private static final String DECLARATION = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";
    private static final String EMPTY = DECLARATION + "<Response/>";
    private static final char REPLACEMENT = '\uFFFD';

    private Twiml() {
    }

    public static String reply(String text) {
        return reply(text, List.of());
    }

    /** With media, the text goes in {@code <Body>} and each URL in a {@code <Media>} of the one {@code <Message>}. */
    public static String reply(String text, List<String> mediaUrls) {
        boolean hasText = text != null && !text.isEmpty();
        if (!hasText && mediaUrls.isEmpty()) {
            return EMPTY;
        }
        StringBuilder xml = new StringBuilder(DECLARATION.length() + (hasText ? text.length() : 0) + 48).append(DECLARATION)
                .append("<Response><Message>");
        if (mediaUrls.isEmpty()) {
            appendEscaped(xml, text);
        } else {
            if (hasText) {
                appendElement(xml, "Body", text);
            }
            mediaUrls.forEach(url -> appendElement(xml, "Media", url));
        }
        return xml.append("</Message></Response>").toString();
    }

    private static void appendElement(StringBuilder xml, String name, String text) {
        xml.append('<').append(name).append('>');
        appendEscaped(xml, text);
        xml.append("</").append(name).append('>');
    }

    /** Markup characters as entities; characters XML 1.0 cannot carry at all (most control characters) as U+FFFD. */
    private static void appendEscaped(StringBuilder xml, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> xml.append("&amp;");
                case '<' -> xml.append("&lt;");
                case '>' -> xml.append("&gt;");
                case '"' -> xml.append("&quot;");
                case '\'' -> xml.append("&apos;");
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                        xml.append(c).append(text.charAt(++i));
                    } else if (allowed(c)) {
                        xml.append(c);
                    } else {
                        xml.append(REPLACEMENT);
                    }
                }
            }
        }
    }

    private static boolean allowed(char c) {
        return c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD);
    }
}

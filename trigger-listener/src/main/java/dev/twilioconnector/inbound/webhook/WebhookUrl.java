package dev.twilioconnector.inbound.webhook;

import jakarta.servlet.http.HttpServletRequest;

import java.net.URI;
import java.util.Locale;

/**
 * The URL Twilio called, which its signature covers. With {@code twilio.webhook.public-url} set it is
 * that base plus the request's path within the application and its query; without, it is rebuilt from
 * the request, trusting {@code X-Forwarded-Proto}, {@code X-Forwarded-Host} and
 * {@code X-Forwarded-Port} where a proxy set them. A forged header gains nothing: the signature
 * still has to match the URL it names.
 */
public final class WebhookUrl {

    private WebhookUrl() {
    }

    public static String of(HttpServletRequest request, URI publicUrl) {
        String query = request.getQueryString() == null ? "" : "?" + request.getQueryString();
        if (publicUrl != null) {
            String base = publicUrl.toString().replaceAll("/+$", "");
            String path = request.getRequestURI().substring(request.getContextPath().length());
            return base + path + query;
        }
        String scheme = first(request.getHeader("X-Forwarded-Proto"));
        boolean forwarded = scheme != null;
        scheme = (scheme == null ? request.getScheme() : scheme).toLowerCase(Locale.ROOT);
        String host = first(request.getHeader("X-Forwarded-Host"));
        String port = first(request.getHeader("X-Forwarded-Port"));
        if (host == null) {
            host = request.getServerName();
            if (port == null && !forwarded) {
                port = String.valueOf(request.getServerPort());
            }
        } else {
            forwarded = true;
            int colon = host.lastIndexOf(':');
            if (colon > 0 && !host.endsWith("]")) {
                port = port == null ? host.substring(colon + 1) : port;
                host = host.substring(0, colon);
            }
        }
        if (port == null && !forwarded) {
            port = String.valueOf(request.getServerPort());
        }
        boolean defaultPort = port == null || ("https".equals(scheme) && "443".equals(port)) || ("http".equals(scheme) && "80".equals(port));
        return scheme + "://" + host + (defaultPort ? "" : ":" + port) + request.getRequestURI() + query;
    }

    private static String first(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        int comma = header.indexOf(',');
        return (comma < 0 ? header : header.substring(0, comma)).trim();
    }
}

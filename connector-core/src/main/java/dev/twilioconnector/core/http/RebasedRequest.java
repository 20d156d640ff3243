package dev.twilioconnector.core.http;

import com.twilio.exception.ApiException;
import com.twilio.http.Request;

import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;

/**
 * A copy of an SDK request aimed at another base URL (proxy, emulator, mock) with its usual path.
 * The SDK would rewrite the host for regions and edges; here the URL is taken exactly as built, so a
 * base such as {@code http://127.0.0.1:8080/sandbox} works and a next-page URL keeps its raw query
 * ({@code PageToken} lives there).
 */
final class RebasedRequest extends Request {

    private final String target;

    private RebasedRequest(Request original, String target) {
        super(original.getMethod(), target);
        this.target = target;
    }

    static Request rebase(Request original, URI baseUrl) {
        URL url = parse(original.getUrl());
        String query = url.getQuery() == null ? "" : "?" + url.getQuery();
        RebasedRequest copy = new RebasedRequest(original, baseUrl + url.getPath() + query);
        if (original.getUsername() != null) {
            copy.setAuth(original.getUsername(), original.getPassword());
        } else if (original.getAuthStrategy() != null) {
            copy.setAuth(original.getAuthStrategy());
        }
        original.getQueryParams().forEach((name, values) -> values.forEach(value -> copy.addQueryParam(name, value)));
        original.getPostParams().forEach((name, values) -> values.forEach(value -> copy.addPostParam(name, value)));
        original.getHeaderParams().forEach((name, values) -> values.forEach(value -> copy.addHeaderParam(name, value)));
        copy.setFormParameters(original.getFormParameters());
        copy.setContentType(original.getContentType());
        copy.setBody(original.getBody());
        copy.setUserAgentExtensions(original.getUserAgentExtensions());
        return copy;
    }

    @Override
    public URL constructURL() {
        String params = encodeQueryParams();
        String separator = target.contains("?") ? "&" : "?";
        return parse(params.isEmpty() ? target : target + separator + params);
    }

    private static URL parse(String url) {
        try {
            return URI.create(url).toURL();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new ApiException("Bad URL: " + e.getMessage(), e);
        }
    }
}

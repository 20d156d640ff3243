package dev.twilioconnector.sample;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console used over plain HTTP the way a browser without script uses it: one session (a cookie jar),
 * asking for HTML, and sending back with every form the CSRF token that the forms of the last page opened
 * carry. Redirects are not followed, so a test sees them.
 */
final class ConsoleSession {

    private static final String HTML = "text/html,application/xhtml+xml";
    private static final Pattern CSRF_FIELD = Pattern.compile("<input type=\"hidden\" name=\"_csrf\" value=\"([^\"]+)\"");

    private final PackagedSample sample;
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private String csrfToken;

    ConsoleSession(PackagedSample sample) {
        this.sample = sample;
    }

    /** Opens a page with forms and keeps their CSRF token. */
    HttpResponse<String> open(String path) {
        HttpResponse<String> page = send(sample.request(path).header("Accept", HTML).GET().build());
        assertThat(page.statusCode()).as("GET %s", path).isEqualTo(200);
        Matcher token = CSRF_FIELD.matcher(page.body());
        assertThat(token.find()).as("a CSRF token in the forms of %s", path).isTrue();
        csrfToken = token.group(1);
        return page;
    }

    /** Signs in through the login form; a successful login answers with a redirect away from the login page. */
    HttpResponse<String> logIn(String user, String password) {
        open("/login");
        return post("/login", "username=" + encode(user) + "&password=" + encode(password));
    }

    /** Posts a form (URL-encoded {@code form}) with the CSRF token of the page opened last. */
    HttpResponse<String> post(String path, String form) {
        assertThat(csrfToken).as("a page with forms was opened first").isNotNull();
        return send(sample.request(path).header("Accept", HTML).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form + "&_csrf=" + encode(csrfToken))).build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}

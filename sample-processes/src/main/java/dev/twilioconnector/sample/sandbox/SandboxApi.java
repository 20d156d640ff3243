package dev.twilioconnector.sample.sandbox;

import dev.twilioconnector.emulator.ApiAnswer;
import dev.twilioconnector.emulator.ApiRequest;
import dev.twilioconnector.emulator.TwilioEmulator;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sandbox's Twilio API under {@code /sandbox}: every request there is handed as it came (method, path
 * and query, headers, body) to the Twilio emulator's API, which answers as Twilio does (Basic
 * authentication, Messages and Verify, Twilio's JSON and error codes, status reports for messages with a
 * {@code StatusCallback}) and takes {@code /sandbox} as a prefix of Twilio's paths. The connector and the
 * Twilio SDK run unchanged against it; nothing leaves the machine.
 *
 * <p>Active only in sandbox mode ({@code twilio.sandbox.enabled=true}, see {@link SandboxMode}).
 */
@RestController
@ConditionalOnProperty(name = SandboxMode.ENABLED, havingValue = "true")
public class SandboxApi {

    private final TwilioEmulator emulator;

    public SandboxApi(TwilioEmulator emulator) {
        this.emulator = emulator;
    }

    @RequestMapping(SandboxMode.BASE_PATH + "/**")
    public void serve(HttpServletRequest request, HttpServletResponse response) throws IOException {
        // The body is read as sent: nothing before this reads a /sandbox request's parameters, which would consume it.
        String body = new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String target = request.getQueryString() == null ? request.getRequestURI() : request.getRequestURI() + "?" + request.getQueryString();
        ApiAnswer answer = emulator.api().answer(new ApiRequest(request.getMethod(), target, headers(request), body));
        if (answer.kind() != ApiAnswer.Kind.RESPOND || !answer.release().isDone() || !answer.delay().isZero()) {
            answer.finished();
            // The sandbox sets no fault, latency or hold; an answer that asks for one is a mistake in this application.
            throw new IllegalStateException("the sandbox answers at once and as Twilio does, not with " + answer.kind());
        }
        answer.finished();
        response.setStatus(answer.status());
        if (answer.contentType() != null) {
            response.setContentType(answer.contentType());
        }
        answer.headers().forEach(response::setHeader);
        byte[] bytes = answer.body();
        response.setContentLength(bytes.length);
        try (OutputStream out = response.getOutputStream()) {
            out.write(bytes);
        }
    }

    private static Map<String, List<String>> headers(HttpServletRequest request) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name, Collections.list(request.getHeaders(name)));
        }
        return headers;
    }
}

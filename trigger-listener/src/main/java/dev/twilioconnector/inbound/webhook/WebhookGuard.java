package dev.twilioconnector.inbound.webhook;

import dev.twilioconnector.inbound.reception.InboundMetrics;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.net.URI;
import java.time.Duration;

/**
 * The check every Twilio webhook passes first: the {@code X-Twilio-Signature} over the public URL and
 * the form, before anything else of the request is interpreted. Whatever is not signed by Twilio is
 * 403, however malformed; a client's mistake is one rate-limited WARN line, never a stack trace.
 */
public final class WebhookGuard {

    static final String SIGNATURE_HEADER = "X-Twilio-Signature";
    static final String INVALID_SIGNATURE = "Invalid or missing X-Twilio-Signature";
    private static final int MAX_LOGGED_PATH = 120;
    static final String BUSY = "Too many deliveries at once; try again";
    private static final Logger LOG = LoggerFactory.getLogger(WebhookGuard.class);
    /** One for both webhooks: a flood of garbage writes one line a second, whichever webhook it hits. */
    private static final RefusalLog REFUSALS = new RefusalLog(LOG, Duration.ofSeconds(1));

    private final SignatureCheck signatures;
    private final boolean validateSignature;
    private final URI publicUrl;
    private final InboundMetrics metrics;

    /**
     * @param validateSignature {@code false} admits unsigned requests (local experiments only)
     * @param publicUrl         the application's public base URL the signature covers, or {@code null} to rebuild it
     *                          from the request and its {@code X-Forwarded-*} headers
     */
    public WebhookGuard(SignatureCheck signatures, boolean validateSignature, URI publicUrl, InboundMetrics metrics) {
        this.signatures = signatures;
        this.validateSignature = validateSignature;
        this.publicUrl = publicUrl;
        this.metrics = metrics;
    }

    /** What the guard made of one request: the signed form, or the answer that refuses it. */
    sealed interface Admission {
        record Admitted(WebhookForm form) implements Admission {
        }

        record Refused(ResponseEntity<String> answer) implements Admission {
        }
    }

    Admission admit(HttpServletRequest request) {
        String signature = request.getHeader(SIGNATURE_HEADER);
        if (validateSignature && (signature == null || signature.isBlank())) {
            return forbidden(request, "no " + SIGNATURE_HEADER);
        }
        WebhookForm form;
        try {
            form = WebhookForm.read(request);
        } catch (WebhookForm.Unreadable e) {
            return validateSignature ? forbidden(request, "its parameters do not decode, so no signature can match them")
                    : new Admission.Refused(malformed(request, "its parameters do not decode"));
        }
        if (validateSignature && !signatures.isValid(WebhookUrl.of(request, publicUrl), form, signature)) {
            return forbidden(request, "the signature does not match");
        }
        if (!"POST".equals(request.getMethod())) {
            return new Admission.Refused(ResponseEntity.status(405).header("Allow", "POST").contentType(MediaType.TEXT_PLAIN)
                    .body("Twilio posts its webhooks"));
        }
        return new Admission.Admitted(form);
    }

    /** The answer when no worker can take a delivery: nothing of it was recorded, so Twilio may deliver it again. */
    static ResponseEntity<String> busy() {
        return ResponseEntity.status(503).header("Retry-After", "1").contentType(MediaType.TEXT_PLAIN).body(BUSY);
    }

    /** The 400 answer to a signed request whose content is not what Twilio sends. */
    ResponseEntity<String> malformed(HttpServletRequest request, String why) {
        REFUSALS.refused(() -> describe(request), why);
        return ResponseEntity.badRequest().contentType(MediaType.TEXT_PLAIN).body(why);
    }

    private Admission forbidden(HttpServletRequest request, String why) {
        REFUSALS.refused(() -> describe(request), why);
        metrics.rejected();
        return new Admission.Refused(ResponseEntity.status(403).contentType(MediaType.TEXT_PLAIN).body(INVALID_SIGNATURE));
    }

    /** Path and caller only: the query may be anything, and anything written here ends in a log. */
    private String describe(HttpServletRequest request) {
        return "a webhook call to " + printable(request.getRequestURI()) + " from " + printable(request.getRemoteAddr());
    }

    /** No control character (a forged log line) and no novel reaches the log. */
    private static String printable(String path) {
        if (path == null) {
            return "?";
        }
        String shown = path.length() > MAX_LOGGED_PATH ? path.substring(0, MAX_LOGGED_PATH) + "..." : path;
        return shown.replaceAll("\\p{Cntrl}", "?");
    }
}

package dev.twilioconnector.inbound.webhook;

import dev.twilioconnector.core.settings.TwilioSettings;
import dev.twilioconnector.inbound.reception.InboundMetrics;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/** The check every Twilio webhook passes first: the {@code X-Twilio-Signature} over the public URL and the form. */
final class WebhookGuard {

    static final String SIGNATURE_HEADER = "X-Twilio-Signature";
    static final String INVALID_SIGNATURE = "Invalid or missing X-Twilio-Signature";
    private static final Logger LOG = LoggerFactory.getLogger(WebhookGuard.class);

    private final SignatureCheck signatures;
    private final boolean validateSignature;
    private final URI publicUrl;
    private final InboundMetrics metrics;

    WebhookGuard(SignatureCheck signatures, boolean validateSignature, URI publicUrl, InboundMetrics metrics) {
        this.signatures = signatures;
        this.validateSignature = validateSignature;
        this.publicUrl = publicUrl;
        this.metrics = metrics;
    }

    /** The 403 answer to a request Twilio did not sign, or empty when it may pass. */
    Optional<ResponseEntity<String>> refusal(HttpServletRequest request, Map<String, String> form) {
        if (!validateSignature) {
            return Optional.empty();
        }
        String url = WebhookUrl.of(request, publicUrl);
        if (signatures.isValid(url, form, request.getHeader(SIGNATURE_HEADER))) {
            return Optional.empty();
        }
        LOG.warn("Rejected a webhook call for {} from {}: {}", forLog(url), request.getRemoteAddr(),
                INVALID_SIGNATURE);
        metrics.rejected();
        return Optional.of(ResponseEntity.status(403).contentType(MediaType.TEXT_PLAIN).body(INVALID_SIGNATURE));
    }

    private static String forLog(String url) {
        try {
            return TwilioSettings.redacted(URI.create(url));
        } catch (IllegalArgumentException e) {
            return "(a URL that does not parse)";
        }
    }
}

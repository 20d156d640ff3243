package dev.twilioconnector.inbound.webhook;

import dev.twilioconnector.inbound.reception.InboundMetrics;
import dev.twilioconnector.inbound.reception.SmsReception;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /twilio/sms} (path from {@code twilio.webhook.path}): Twilio's form-encoded incoming
 * message in, TwiML out. A missing or wrong {@code X-Twilio-Signature} gets 403 and publishes nothing.
 */
@RestController
public class SmsWebhookController {

    public static final String SIGNATURE_HEADER = WebhookGuard.SIGNATURE_HEADER;
    public static final String INVALID_SIGNATURE = WebhookGuard.INVALID_SIGNATURE;
    public static final String MISSING_SID = "MessageSid is missing";
    private static final MediaType TEXT_XML = MediaType.parseMediaType("text/xml;charset=UTF-8");

    private final SmsReception reception;
    private final WebhookGuard guard;

    public SmsWebhookController(SmsReception reception, SignatureCheck signatures, boolean validateSignature, URI publicUrl) {
        this(reception, signatures, validateSignature, publicUrl, InboundMetrics.NONE);
    }

    public SmsWebhookController(SmsReception reception, SignatureCheck signatures, boolean validateSignature, URI publicUrl,
                                InboundMetrics metrics) {
        this.reception = reception;
        this.guard = new WebhookGuard(signatures, validateSignature, publicUrl, metrics);
    }

    @PostMapping(path = "${twilio.webhook.path:/twilio/sms}", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    public ResponseEntity<String> receive(HttpServletRequest request) {
        Map<String, String> form = formParameters(request);
        Optional<ResponseEntity<String>> refusal = guard.refusal(request, form);
        if (refusal.isPresent()) {
            return refusal.get();
        }
        InboundSms sms = InboundSms.of(form);
        if (sms.messageSid() == null || sms.messageSid().isBlank()) {
            return ResponseEntity.badRequest().contentType(MediaType.TEXT_PLAIN).body(MISSING_SID);
        }
        return ResponseEntity.ok().contentType(TEXT_XML).body(Twiml.reply(reception.receive(sms)));
    }

    /** The POST body's parameters only: those of the query string are part of the signed URL, not of the parameter list. */
    static Map<String, String> formParameters(HttpServletRequest request) {
        Map<String, Integer> fromQuery = new HashMap<>();
        if (request.getQueryString() != null) {
            for (String pair : request.getQueryString().split("&")) {
                String name = URLDecoder.decode(pair.split("=", 2)[0], StandardCharsets.UTF_8);
                fromQuery.merge(name, 1, Integer::sum);
            }
        }
        Map<String, String> form = new HashMap<>();
        request.getParameterMap().forEach((name, values) -> {
            int skip = fromQuery.getOrDefault(name, 0);
            if (values.length > skip) {
                form.put(name, values[skip]);
            }
        });
        return form;
    }
}

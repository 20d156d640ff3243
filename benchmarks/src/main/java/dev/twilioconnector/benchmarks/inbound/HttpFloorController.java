package dev.twilioconnector.benchmarks.inbound;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Benchmark 3's HTTP floor: the webhook's request through the same Tomcat, Spring MVC and load generator, with
 * everything the connector does taken out (the form is parsed, the signature is not checked, nothing is published).
 * What the HTTP stack costs per request, beside what the whole webhook costs.
 */
@RestController
public class HttpFloorController {

    public static final String PATH = "/bench/http-floor";
    public static final String ANSWER = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>";
    /** TwiML's media type, as the webhook answers with it. */
    static final MediaType TEXT_XML = MediaType.parseMediaType("text/xml;charset=UTF-8");

    @PostMapping(path = PATH, consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    public ResponseEntity<String> answer(HttpServletRequest request) {
        if (request.getParameter("MessageSid") == null) {
            return ResponseEntity.badRequest().build();
        }
        return ResponseEntity.ok().contentType(TEXT_XML).body(ANSWER);
    }
}

package dev.twilioconnector.benchmarks.inbound;

import dev.twilioconnector.inbound.reception.SmsEventPublisher;
import dev.twilioconnector.inbound.trigger.Trigger;
import dev.twilioconnector.inbound.trigger.TriggerMatch;
import dev.twilioconnector.inbound.trigger.TriggerSet;
import dev.twilioconnector.inbound.webhook.InboundSms;
import dev.twilioconnector.inbound.webhook.Twiml;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.HashMap;
import java.util.Map;

/**
 * Benchmark 3's bound: the webhook's request through the same Tomcat, Spring MVC and load generator, handed to the engine
 * by the webhook's own publisher, with nothing else of the connector (no signature check, deduplication, trigger match,
 * template or log line). No webhook served by this Tomcat and Spring MVC that hands its event to Flowable's event registry
 * does less per request.
 */
@RestController
public class HandOverController {

    public static final String PATH = "/bench/hand-over";
    /** The body of every message benchmark 3 sends starts so; the rest is the order number. */
    public static final String BODY_PREFIX = "Order Number ";

    private final SmsEventPublisher publisher;
    private final Trigger trigger;

    public HandOverController(SmsEventPublisher publisher, TriggerSet triggers) {
        this.publisher = publisher;
        this.trigger = benchTrigger(triggers);
    }

    /** The trigger that takes benchmark 3's messages. */
    public static Trigger benchTrigger(TriggerSet triggers) {
        return triggers.match(BODY_PREFIX + "0").orElseThrow(() -> new IllegalStateException("no trigger takes the benchmark's messages"))
                .trigger();
    }

    @PostMapping(path = PATH, consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    public ResponseEntity<String> handOver(HttpServletRequest request) {
        Map<String, String> form = new HashMap<>();
        request.getParameterMap().forEach((name, values) -> form.put(name, values[0]));
        String reply = reply(form);
        return reply == null ? ResponseEntity.badRequest().build() : ResponseEntity.ok().contentType(HttpFloorController.TEXT_XML).body(reply);
    }

    /** Hands the message over and answers the echo's TwiML; {@code null} when the body is not one of the benchmark's messages. */
    public String reply(Map<String, String> form) {
        InboundSms sms = InboundSms.of(form);
        if (!sms.body().startsWith(BODY_PREFIX)) {
            return null;
        }
        String orderNumber = sms.body().substring(BODY_PREFIX.length());
        publisher.publish(new TriggerMatch(trigger, Map.of("orderNumber", orderNumber)), sms);
        return Twiml.reply(echo(orderNumber));
    }

    /** What the bench trigger's echo template ({@code bench-inbound/triggers.yml}) renders for this order number. */
    public static String echo(Object orderNumber) {
        return "Your reference number is " + orderNumber + ".";
    }
}

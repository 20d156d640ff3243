package dev.twilioconnector.benchmarks.inbound;

import org.flowable.eventregistry.api.EventRegistry;
import org.flowable.eventregistry.api.EventRepositoryService;
import org.flowable.eventregistry.model.InboundChannelModel;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Benchmark 3's yardstick: the webhook a user would write without the connector. It takes Twilio's form, builds the
 * {@code SMS_RECEIVED} payload as JSON and hands it to Flowable through the event registry's public API, on the inbound
 * channel the plugin deploys; no signature check, no deduplication, no trigger match, no echo. It starts the same
 * process with the same variables as the connector's webhook, so that the engine's work is the same on both paths.
 */
@RestController
public class HandWrittenWebhook {

    public static final String PATH = "/hand-written/sms";
    public static final String ANSWER = "<Response/>";
    private static final String CHANNEL = "twilioSmsReceived";

    private final EventRegistry registry;
    private final EventRepositoryService definitions;
    private final JsonMapper json;
    private volatile InboundChannelModel channel;

    public HandWrittenWebhook(EventRegistry registry, EventRepositoryService definitions, JsonMapper json) {
        this.registry = registry;
        this.definitions = definitions;
        this.json = json;
    }

    @PostMapping(path = PATH, consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE, produces = MediaType.TEXT_XML_VALUE)
    public String receive(@RequestParam("MessageSid") String messageSid, @RequestParam("From") String from,
                          @RequestParam("To") String to, @RequestParam("Body") String body) {
        // The fields of the plugin's SMS_RECEIVED event; the benchmark's process starts on trigger 'bench' and takes the
        // order number, the last word of the body, as the connector's trigger file hands it over.
        ObjectNode event = json.createObjectNode()
                .put("trigger", "bench").put("from", from).put("to", to).put("originalMessage", body).put("messageSid", messageSid);
        event.putObject("matchGroups").put("orderNumber", body.substring(body.lastIndexOf(' ') + 1));
        registry.eventReceived(channel(), json.writeValueAsString(event));
        return ANSWER;
    }

    /** Looked up once: the plugin deploys its channel when the engine starts, after this controller may have been built. */
    private InboundChannelModel channel() {
        InboundChannelModel known = channel;
        if (known == null) {
            known = (InboundChannelModel) definitions.getChannelModelByKey(CHANNEL);
            channel = known;
        }
        return known;
    }
}

package dev.twilioconnector.inbound.reception;

import dev.twilioconnector.flowable.inbound.SmsEventDefinitions;
import org.flowable.common.engine.impl.AbstractEngineConfiguration;
import org.flowable.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.flowable.eventregistry.api.runtime.EventPayloadInstance;
import org.flowable.eventregistry.impl.EventRegistryEngineConfiguration;
import org.flowable.eventregistry.impl.event.FlowableEventRegistryEvent;
import org.flowable.eventregistry.impl.payload.JsonFieldToMapPayloadExtractor;
import org.flowable.eventregistry.impl.runtime.EventInstanceImpl;
import org.flowable.eventregistry.model.EventModel;
import tools.jackson.databind.node.ObjectNode;

import java.util.Collection;

/**
 * One of the plugin's events as the webhooks hand it to Flowable's event registry: the payload is read
 * against the event's model, as the registry's JSON channels read theirs, and given to the registry's
 * consumers (the process engine) in the calling thread.
 *
 * <p>The plugin's inbound channel would end in the same call; going there directly spares every message
 * the JSON text round trip and the channel pipeline's three queries (latest definition, its deployment,
 * its model), each a database round trip. The model is looked up once: the plugin deploys its own
 * definitions at start-up, so the one a node runs with is the one its code writes payloads for.
 *
 * <p>The hand-over is one transaction: taken by every matching start event and waiting instance, or by
 * none of them.
 */
final class RegistryEvent {

    private final ProcessEngineConfigurationImpl engine;
    private final String eventKey;
    private volatile Target target;

    RegistryEvent(ProcessEngineConfigurationImpl engine, String eventKey) {
        this.engine = engine;
        this.eventKey = eventKey;
    }

    void send(ObjectNode payload) {
        Target known = target();
        Collection<EventPayloadInstance> values = known.extractor().extractPayload(known.model(), payload, null,
                AbstractEngineConfiguration.NO_TENANT_ID);
        EventInstanceImpl event = new EventInstanceImpl(known.model().getKey(), values, AbstractEngineConfiguration.NO_TENANT_ID);
        // One command around the whole hand-over: the registry starts or wakes each subscription in a command
        // of its own, which then joins this one, so the event is taken by all of them or by none, and a
        // failed hand-over may be repeated without starting a process twice.
        engine.getCommandExecutor().execute(commandContext -> {
            known.registry().getEventRegistry().sendEventToConsumers(new FlowableEventRegistryEvent(event));
            return null;
        });
    }

    private Target target() {
        Target known = target;
        if (known == null) {
            EventRegistryEngineConfiguration registry = SmsEventDefinitions.eventRegistry(engine);
            known = new Target(registry, SmsEventDefinitions.eventModel(engine, eventKey),
                    new JsonFieldToMapPayloadExtractor(registry.getJsonPayloadValueTransformer()));
            target = known;
        }
        return known;
    }

    private record Target(EventRegistryEngineConfiguration registry, EventModel model, JsonFieldToMapPayloadExtractor extractor) {
    }
}

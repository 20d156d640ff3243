package dev.twilioconnector.flowable.inbound;

import org.flowable.common.engine.api.FlowableException;
import org.flowable.engine.ManagementService;
import org.flowable.eventregistry.api.EventRegistry;
import org.flowable.eventregistry.api.EventRegistryEvent;
import org.flowable.eventregistry.api.EventRepositoryService;
import org.flowable.eventregistry.api.runtime.EventInstance;
import org.flowable.eventregistry.api.runtime.EventPayloadInstance;
import org.flowable.eventregistry.model.EventModel;
import org.flowable.eventregistry.model.EventPayload;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Hands one of the plugin's events ({@code SMS_RECEIVED}, {@code SMS_STATUS}, {@code SMS_OPT_OUT}) to the event
 * registry's consumers (the process engine starts and wakes what listens for it), through the registry's public API.
 *
 * <p>The plugin's inbound channel would end in the same {@link EventRegistry#sendEventToConsumers} call;
 * going there directly spares every message a JSON text round trip and the channel pipeline's three
 * queries (latest definition, its deployment, its model). The model is looked up once: the plugin deploys
 * its own definitions at start-up, so the one a node runs with is the one its code writes payloads for.
 *
 * <p>The hand-over is one engine command: the registry starts or wakes each subscription in a command of
 * its own, which joins this one, so the event is taken by all of them or by none, and a failed hand-over may
 * be repeated without starting a process twice.
 */
public final class EventHandOver {

    private final EventRegistry registry;
    private final EventRepositoryService definitions;
    private final ManagementService engine;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String eventKey;
    private final Supplier<HandOverFollowUp> followUp;
    private volatile EventModel model;

    public EventHandOver(EventRegistry registry, EventRepositoryService definitions, ManagementService engine, String eventKey) {
        this(registry, definitions, engine, eventKey, () -> HandOverFollowUp.NONE);
    }

    /** @param followUp what to do after each live hand-over, looked up then (the configurator's once the engine is built) */
    public EventHandOver(EventRegistry registry, EventRepositoryService definitions, ManagementService engine, String eventKey,
                         Supplier<HandOverFollowUp> followUp) {
        this.registry = registry;
        this.definitions = definitions;
        this.engine = engine;
        this.eventKey = eventKey;
        this.followUp = followUp;
    }

    public String eventKey() {
        return eventKey;
    }

    /**
     * Hands the event to every subscription that matches it.
     *
     * @param values the payload by field name: strings, numbers, and {@code tools.jackson} JSON nodes for the
     *               fields of type {@code json}; a field without a value is left out
     */
    public void send(Map<String, Object> values) {
        send(values, Routing.everyone());
    }

    /** Hands the event over as {@code routing} says: to everyone, or to one waiting instance and the starts. */
    public void send(Map<String, Object> values, Routing routing) {
        EventModel known = model();
        List<EventPayloadInstance> payload = new ArrayList<>(values.size());
        for (EventPayload field : known.getPayload()) {
            Object value = values.get(field.getName());
            if (value != null) {
                payload.add(new PayloadValue(field, value));
            }
        }
        Event event = new Event(known.getKey(), payload, routing);
        try {
            engine.executeCommand(commandContext -> {
                registry.sendEventToConsumers(event);
                return null;
            });
        } finally {
            routing.releaseLeases();
        }
        if (routing.kind() != Routing.Kind.KEPT) {
            followUp.get().handedOver(this, values, routing);
        }
    }

    /** The payload as JSON text, to keep it: each field by its name. */
    public String toJson(Map<String, Object> values) {
        ObjectNode json = JSON.createObjectNode();
        for (EventPayload field : model().getPayload()) {
            Object value = values.get(field.getName());
            if (value != null) {
                json.set(field.getName(), JSON.valueToTree(value));
            }
        }
        return JSON.writeValueAsString(json);
    }

    /** The payload {@link #toJson} wrote, each field as its type in the event definition. */
    public Map<String, Object> valuesOf(String json) {
        JsonNode payload = JSON.readTree(json);
        Map<String, Object> values = new HashMap<>();
        for (EventPayload field : model().getPayload()) {
            JsonNode value = payload.get(field.getName());
            if (value != null && !value.isNull()) {
                values.put(field.getName(), switch (String.valueOf(field.getType())) {
                    case "json" -> value;
                    case "integer" -> value.intValue();
                    case "long" -> value.longValue();
                    case "double" -> value.doubleValue();
                    case "boolean" -> value.booleanValue();
                    default -> value.asString();
                });
            }
        }
        return values;
    }

    /** How {@code event} is to be delivered, when it is one this class handed over. */
    public static Optional<Routing> routingOf(EventInstance event) {
        return event instanceof Event ours ? Optional.of(ours.routing()) : Optional.empty();
    }

    private EventModel model() {
        EventModel known = model;
        if (known == null) {
            known = definitions.getEventModelByKey(eventKey);
            if (known == null) {
                throw new FlowableException("The event definition " + eventKey + " is not deployed");
            }
            model = known;
        }
        return known;
    }

    /** The event as the registry's consumers read it: no tenant, no headers. */
    private record Event(String eventKey, List<EventPayloadInstance> payload, Routing routing) implements EventInstance, EventRegistryEvent {

        @Override
        public String getEventKey() {
            return eventKey;
        }

        @Override
        public Collection<EventPayloadInstance> getPayloadInstances() {
            return payload;
        }

        @Override
        public Collection<EventPayloadInstance> getHeaderInstances() {
            return List.of();
        }

        @Override
        public Collection<EventPayloadInstance> getCorrelationParameterInstances() {
            return payload.stream().filter(value -> value.getEventPayloadDefinition().isCorrelationParameter()).toList();
        }

        @Override
        public String getTenantId() {
            return "";
        }

        @Override
        public String getType() {
            return eventKey;
        }

        @Override
        public Object getEventObject() {
            return this;
        }
    }

    private record PayloadValue(EventPayload field, Object value) implements EventPayloadInstance {

        @Override
        public EventPayload getEventPayloadDefinition() {
            return field;
        }

        @Override
        public String getDefinitionName() {
            return field.getName();
        }

        @Override
        public String getDefinitionType() {
            return field.getType();
        }

        @Override
        public Object getValue() {
            return value;
        }
    }
}

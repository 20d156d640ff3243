package dev.twilioconnector.flowable.conversation;

import dev.twilioconnector.flowable.inbound.EventHandOver;
import dev.twilioconnector.flowable.inbound.Routing;
import org.flowable.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.flowable.engine.impl.eventregistry.BpmnEventRegistryEventConsumer;
import org.flowable.eventregistry.api.runtime.EventInstance;
import org.flowable.eventregistry.impl.consumer.CorrelationKey;
import org.flowable.eventsubscription.api.EventSubscription;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Flowable's BPMN event consumer, with one change: an event the connector hands over goes where its
 * {@link Routing} says. A message reaches the processes that start on it and the one waiting instance
 * {@link ReplyRouter} chooses, not every instance whose correlation matches; a kept event only that instance.
 * It records the correlation keys and the waits it woke, so that an event nobody waited for can be kept. Everything
 * else (correlation, tenants, starts, out-parameters) stays Flowable's own: no public API lets one event go to
 * one of several matching waits while it still starts processes, so this overrides the one method that finds them.
 * Events that reach the registry any other way (a channel, a user's code) are delivered as Flowable always does.
 */
public class RoutingEventConsumer extends BpmnEventRegistryEventConsumer {

    private final Supplier<ReplyRouter> router;

    public RoutingEventConsumer(ProcessEngineConfigurationImpl configuration, Supplier<ReplyRouter> router) {
        super(configuration);
        this.router = router;
    }

    /**
     * Takes the engine's command executor, which does not exist yet when a configurator installs this consumer
     * (Flowable's own consumer is made later, once it does); call before the first event, from the configurator's
     * {@code configure}.
     */
    public void useEngineCommandExecutor() {
        commandExecutor = processEngineConfiguration.getCommandExecutor();
    }

    @Override
    protected List<EventSubscription> findEventSubscriptions(String scopeType, EventInstance event, Collection<CorrelationKey> keys) {
        List<EventSubscription> found = super.findEventSubscriptions(scopeType, event, keys);
        Optional<Routing> ours = EventHandOver.routingOf(event);
        if (ours.isEmpty()) {
            return found;
        }
        Routing routing = ours.get();
        Function<String, Set<String>> stillWaiting = instance -> stillWaiting(instance, event.getEventKey());
        List<EventSubscription> chosen = switch (routing.kind()) {
            case EVERYONE -> found;
            case ONE_ANSWERING -> router.get().choose(found, routing, stillWaiting);
            case KEPT -> router.get().chooseForKept(found, routing, stillWaiting);
        };
        routing.delivered(keys.stream().map(CorrelationKey::getValue).toList(),
                (int) chosen.stream().filter(subscription -> subscription.getExecutionId() != null).count());
        return chosen;
    }

    private Set<String> stillWaiting(String processInstanceId, String eventKey) {
        return createEventSubscriptionQuery().processInstanceId(processInstanceId).eventType(eventKey).list().stream()
                .map(EventSubscription::getId).collect(Collectors.toSet());
    }
}

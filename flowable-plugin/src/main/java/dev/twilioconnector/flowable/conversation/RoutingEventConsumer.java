package dev.twilioconnector.flowable.conversation;

import dev.twilioconnector.flowable.inbound.EventHandOver;
import org.flowable.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.flowable.engine.impl.eventregistry.BpmnEventRegistryEventConsumer;
import org.flowable.eventregistry.api.runtime.EventInstance;
import org.flowable.eventregistry.impl.consumer.CorrelationKey;
import org.flowable.eventsubscription.api.EventSubscription;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Flowable's BPMN event consumer, with one change: a message handed over for one instance
 * ({@link dev.twilioconnector.flowable.inbound.Routing#toOne()}) reaches the processes that start on it and the
 * one waiting instance {@link ReplyRouter} chooses, not every instance whose correlation matches. Everything
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
        return EventHandOver.routingOf(event)
                .filter(routing -> routing.toOne())
                .map(routing -> router.get().choose(found, routing, instance -> stillWaiting(instance, event.getEventKey())))
                .orElse(found);
    }

    private Set<String> stillWaiting(String processInstanceId, String eventKey) {
        return createEventSubscriptionQuery().processInstanceId(processInstanceId).eventType(eventKey).list().stream()
                .map(EventSubscription::getId).collect(Collectors.toSet());
    }
}

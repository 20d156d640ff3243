package dev.twilioconnector.flowable.conversation;

import dev.twilioconnector.flowable.inbound.Routing;
import org.flowable.eventsubscription.api.EventSubscription;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Chooses the one waiting instance a message answers, among the subscriptions Flowable found for it: the
 * instance that most recently texted the sender through the connector, else the one that has waited
 * longest. Start subscriptions always stay: a message still starts every process that starts on it.
 *
 * <p>An instance is leased before it is chosen, so that two nodes handing over two answers at once never
 * both pick it; after the lease its subscriptions are read again, since a hand-over that held the lease
 * before may have moved it on.
 */
public final class ReplyRouter {

    private final ConversationLog conversations;
    private final InstanceLeases leases;

    public ReplyRouter(ConversationLog conversations, InstanceLeases leases) {
        this.conversations = conversations;
        this.leases = leases;
    }

    /**
     * A live message: the starts, and the waits of at most one instance.
     *
     * @param found        what matched the event's correlation
     * @param stillWaiting the ids of an instance's subscriptions to this event, as committed now
     */
    public List<EventSubscription> choose(List<EventSubscription> found, Routing routing, Function<String, Set<String>> stillWaiting) {
        List<EventSubscription> chosen = new ArrayList<>(starts(found));
        Map<String, List<EventSubscription>> waiting = waitsByInstance(found);
        chosen.addAll(leaseOne(ranked(waiting, routing.sender()), waiting, routing, stillWaiting));
        return chosen;
    }

    /**
     * A kept event: no starts (it started what it had to when it arrived), the waits of at most one instance,
     * only {@link Routing#onlyInstance()} when one is named, and for a message only an instance that had texted
     * its sender before it arrived: a stranger's "YES", or one sent before anyone asked, answers nothing.
     */
    public List<EventSubscription> chooseForKept(List<EventSubscription> found, Routing routing, Function<String, Set<String>> stillWaiting) {
        Map<String, List<EventSubscription>> waiting = waitsByInstance(found);
        if (routing.onlyInstance() != null) {
            waiting.keySet().retainAll(Set.of(routing.onlyInstance()));
        }
        if (routing.textedBefore() != null && !waiting.isEmpty()) {
            waiting.keySet().retainAll(conversations.textedBefore(routing.sender(), waiting.keySet(), routing.textedBefore()).keySet());
        }
        return leaseOne(ranked(waiting, routing.sender()), waiting, routing, stillWaiting);
    }

    private static List<EventSubscription> starts(List<EventSubscription> found) {
        return found.stream().filter(subscription -> subscription.getExecutionId() == null).toList();
    }

    private static Map<String, List<EventSubscription>> waitsByInstance(List<EventSubscription> found) {
        Map<String, List<EventSubscription>> waiting = new LinkedHashMap<>();
        for (EventSubscription subscription : found) {
            if (subscription.getExecutionId() != null) {
                waiting.computeIfAbsent(subscription.getProcessInstanceId(), id -> new ArrayList<>()).add(subscription);
            }
        }
        return waiting;
    }

    /** The first instance in {@code order} this hand-over can lease and that still waits: its waits, else none. */
    private List<EventSubscription> leaseOne(List<String> order, Map<String, List<EventSubscription>> waiting, Routing routing,
                                             Function<String, Set<String>> stillWaiting) {
        for (String instance : order) {
            Optional<InstanceLeases.Lease> lease = leases.take(instance, routing.holder());
            if (lease.isEmpty()) {
                continue;
            }
            Set<String> current = stillWaiting.apply(instance);
            List<EventSubscription> subscriptions = waiting.get(instance).stream().filter(s -> current.contains(s.getId())).toList();
            if (subscriptions.isEmpty()) {
                lease.get().release();
                continue;
            }
            routing.hold(lease.get());
            return subscriptions;
        }
        return List.of();
    }

    /** Those that texted the sender, latest first; then the rest, longest waiting first. */
    private List<String> ranked(Map<String, List<EventSubscription>> waiting, String sender) {
        if (waiting.size() <= 1 || sender == null) {
            return List.copyOf(waiting.keySet());
        }
        Map<String, Instant> texted = conversations.lastTexted(sender, waiting.keySet());
        Map<String, Instant> waitingSince = new LinkedHashMap<>();
        waiting.forEach((instance, subscriptions) -> waitingSince.put(instance, subscriptions.stream()
                .map(s -> s.getCreated().toInstant()).min(Comparator.naturalOrder()).orElse(Instant.MAX)));
        Comparator<String> order = Comparator.<String, Boolean>comparing(instance -> !texted.containsKey(instance))
                .thenComparing(instance -> texted.getOrDefault(instance, Instant.MIN), Comparator.reverseOrder())
                .thenComparing(waitingSince::get)
                .thenComparing(Function.identity());
        return waiting.keySet().stream().sorted(order).toList();
    }
}

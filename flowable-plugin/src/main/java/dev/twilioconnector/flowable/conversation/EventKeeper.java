package dev.twilioconnector.flowable.conversation;

import dev.twilioconnector.flowable.inbound.EventHandOver;
import dev.twilioconnector.flowable.inbound.HandOverFollowUp;
import dev.twilioconnector.flowable.inbound.Routing;
import dev.twilioconnector.flowable.inbound.SmsReceivedEvent;
import dev.twilioconnector.flowable.inbound.SmsStatusEvent;
import dev.twilioconnector.flowable.schema.AutoCommitSql;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Keeps what no waiting instance took when it arrived, and hands it to the instance that starts waiting for it
 * in time (Flowable hands an event only to the subscriptions that exist when it arrives).
 *
 * <ul>
 *   <li>A delivery report ({@code SMS_STATUS}) is kept for {@code keepStatus}.</li>
 *   <li>A message ({@code SMS_RECEIVED}) is kept for {@code keepReply}, and only when some instance had texted
 *   its sender before it arrived; it is offered only to such an instance.</li>
 *   <li>Right after keeping, the event is offered once more: a wait committed between the hand-over's look for
 *   waits and the keeping would otherwise find nothing, and the keeping nobody. A wait looks for kept events
 *   after its own commit ({@link NewWaitListener}), so one of the two always sees the other.</li>
 * </ul>
 * A kept event reaches at most one instance, once, on any node: it is taken before it is handed over, and
 * deleted once delivered.
 */
public final class EventKeeper implements HandOverFollowUp {

    private static final Logger LOG = LoggerFactory.getLogger(EventKeeper.class);

    private final KeptEvents kept;
    private final ConversationLog conversations;
    private final Map<String, EventHandOver> handOvers;
    private final Duration keepStatus;
    private final Duration keepReply;
    private final Clock clock;
    private final KeptEventMetrics metrics;

    /** @param handOvers by event key, the hand-overs that deliver kept events again ({@code SMS_RECEIVED}, {@code SMS_STATUS}) */
    public EventKeeper(KeptEvents kept, ConversationLog conversations, Map<String, EventHandOver> handOvers, Duration keepStatus,
                       Duration keepReply, Clock clock, KeptEventMetrics metrics) {
        this.kept = kept;
        this.conversations = conversations;
        this.handOvers = Map.copyOf(handOvers);
        this.keepStatus = keepStatus;
        this.keepReply = keepReply;
        this.clock = clock;
        this.metrics = metrics;
    }

    @Override
    public void handedOver(EventHandOver handOver, Map<String, Object> values, Routing routing) {
        if (routing.wokeAWait()) {
            return;
        }
        try {
            keep(handOver, values, routing.correlationKeys());
        } catch (AutoCommitSql.Failure e) {
            LOG.warn("A {} no process waited for could not be kept: {}", handOver.eventKey(), e.getMessage());
        }
    }

    private void keep(EventHandOver handOver, Map<String, Object> values, List<String> correlationKeys) {
        Instant now = clock.instant();
        String messageSid = (String) values.get(SmsReceivedEvent.MESSAGE_SID);
        KeptEvents.Kept event;
        Duration keepFor;
        if (SmsStatusEvent.EVENT_KEY.equals(handOver.eventKey())) {
            event = new KeptEvents.Kept(messageSid + ":" + values.get(SmsStatusEvent.STATUS), SmsStatusEvent.EVENT_KEY, null,
                    handOver.toJson(values), now);
            keepFor = keepStatus;
        } else if (SmsReceivedEvent.EVENT_KEY.equals(handOver.eventKey())) {
            String sender = (String) values.get(SmsReceivedEvent.FROM);
            if (keepReply.isZero() || !conversations.anyTextedBefore(sender, now)) {
                return;
            }
            event = new KeptEvents.Kept(messageSid, SmsReceivedEvent.EVENT_KEY, sender, handOver.toJson(values), now);
            keepFor = keepReply;
        } else {
            return;
        }
        if (messageSid == null || keepFor.isZero() || !kept.keep(event, correlationKeys, now.plus(keepFor))) {
            return;
        }
        metrics.kept(event.eventKey());
        LOG.debug("Kept {} {} for {}: no process waited for it", event.eventKey(), event.id(), keepFor);
        offer(event, null);
    }

    /** A wait for {@code eventKey} committed in {@code processInstanceId}: the oldest kept event it matches, if any. */
    public void waitStarted(String processInstanceId, String eventKey, String correlationKey) {
        if (!handOvers.containsKey(eventKey)) {
            return;
        }
        for (KeptEvents.Kept event : kept.matching(eventKey, correlationKey, clock.instant())) {
            if (offer(event, processInstanceId)) {
                return;
            }
        }
    }

    /** Deletes what expired; how many of each event key expired untaken. */
    public Map<String, Integer> expire() {
        Map<String, Integer> expired = kept.expire(clock.instant());
        expired.forEach((eventKey, count) -> {
            metrics.expired(eventKey, count);
            LOG.info("{} kept {} event(s) expired without a process taking them", count, eventKey);
        });
        return expired;
    }

    /** Hands {@code event} over to one waiting instance ({@code onlyInstance}, or whichever the rule picks); whether one took it. */
    private boolean offer(KeptEvents.Kept event, String onlyInstance) {
        EventHandOver handOver = handOvers.get(event.eventKey());
        String taker = UUID.randomUUID().toString();
        if (handOver == null || !kept.take(event.id(), taker, clock.instant())) {
            return false;
        }
        Routing routing = Routing.kept(event.id(), event.sender(), onlyInstance, event.sender() == null ? null : event.receivedAt());
        try {
            handOver.send(handOver.valuesOf(event.payload()), routing);
        } catch (RuntimeException e) {
            kept.giveBack(event.id(), taker);
            LOG.warn("The kept {} {} could not be handed over: {}", event.eventKey(), event.id(), e.getMessage());
            return false;
        }
        if (!routing.wokeAWait()) {
            kept.giveBack(event.id(), taker);
            return false;
        }
        kept.delivered(event.id());
        metrics.deliveredLater(event.eventKey());
        LOG.debug("The kept {} {} reached a process that started waiting for it", event.eventKey(), event.id());
        return true;
    }
}

package dev.twilioconnector.flowable.inbound;

import dev.twilioconnector.flowable.conversation.InstanceLeases.Lease;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Whom one hand-over is for, and what became of it. A live event goes to every subscription that matches
 * (a delivery report, a trigger with {@code deliver: all}), or to the processes that start on it and at most
 * one waiting instance, the one the message answers. A kept event, handed over again once someone waits for
 * it, starts nothing and wakes at most one instance. Holds the lease on the instance it wakes until the
 * hand-over has ended, and records the correlation keys Flowable matched it by and how many waits it woke.
 */
public final class Routing {

    /** How the event is delivered. */
    public enum Kind {
        EVERYONE, ONE_ANSWERING, KEPT
    }

    private final Kind kind;
    private final String sender;
    private final String holder;
    private final String onlyInstance;
    private final Instant textedBefore;
    private final List<Lease> leases = new ArrayList<>(1);
    private List<String> correlationKeys = List.of();
    private int wokenWaits;

    private Routing(Kind kind, String sender, String holder, String onlyInstance, Instant textedBefore) {
        this.kind = kind;
        this.sender = sender;
        this.holder = holder;
        this.onlyInstance = onlyInstance;
        this.textedBefore = textedBefore;
    }

    public static Routing everyone() {
        return new Routing(Kind.EVERYONE, null, null, null, null);
    }

    /**
     * @param sender     the phone the message came from
     * @param messageSid the message, holding the instance it is handed to
     */
    public static Routing oneAnswering(String sender, String messageSid) {
        return new Routing(Kind.ONE_ANSWERING, sender, messageSid, null, null);
    }

    /**
     * A kept event handed over again.
     *
     * @param id           the kept event, holding the instance it is handed to
     * @param sender       for a kept message, its sender; {@code null} for a delivery report
     * @param onlyInstance the one instance that may take it, or {@code null} for whichever the usual rule picks
     * @param textedBefore for a kept message, when it arrived: only an instance that had texted the sender before
     *                     may take it; {@code null} for a delivery report
     */
    public static Routing kept(String id, String sender, String onlyInstance, Instant textedBefore) {
        return new Routing(Kind.KEPT, sender, id, onlyInstance, textedBefore);
    }

    public Kind kind() {
        return kind;
    }

    public String sender() {
        return sender;
    }

    public String holder() {
        return holder;
    }

    public String onlyInstance() {
        return onlyInstance;
    }

    public Instant textedBefore() {
        return textedBefore;
    }

    public synchronized void hold(Lease lease) {
        leases.add(lease);
    }

    /** Called by the consumer: the keys Flowable matched subscriptions by, and how many waits the event woke. */
    public synchronized void delivered(List<String> correlationKeys, int wokenWaits) {
        this.correlationKeys = List.copyOf(correlationKeys);
        this.wokenWaits += wokenWaits;
    }

    public synchronized List<String> correlationKeys() {
        return correlationKeys;
    }

    /** Whether some waiting instance took the event (starts do not count). */
    public synchronized boolean wokeAWait() {
        return wokenWaits > 0;
    }

    /** Called once the hand-over has committed or rolled back. */
    synchronized void releaseLeases() {
        leases.forEach(Lease::release);
        leases.clear();
    }
}

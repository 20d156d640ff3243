package dev.twilioconnector.flowable.inbound;

import dev.twilioconnector.flowable.conversation.InstanceLeases.Lease;

import java.util.ArrayList;
import java.util.List;

/**
 * Whom one hand-over is for: every subscription that matches (a delivery report, a trigger with
 * {@code deliver: all}), or the processes that start on it and at most one waiting instance, the one
 * the message answers. Holds the lease on that instance until the hand-over has ended.
 */
public final class Routing {

    private final String sender;
    private final String holder;
    private final List<Lease> leases = new ArrayList<>(1);

    private Routing(String sender, String holder) {
        this.sender = sender;
        this.holder = holder;
    }

    public static Routing everyone() {
        return new Routing(null, null);
    }

    /**
     * @param sender     the phone the message came from
     * @param messageSid the message, holding the instance it is handed to
     */
    public static Routing oneAnswering(String sender, String messageSid) {
        return new Routing(sender, messageSid);
    }

    public boolean toOne() {
        return sender != null;
    }

    public String sender() {
        return sender;
    }

    public String holder() {
        return holder;
    }

    public synchronized void hold(Lease lease) {
        leases.add(lease);
    }

    /** Called once the hand-over has committed or rolled back. */
    synchronized void releaseLeases() {
        leases.forEach(Lease::release);
        leases.clear();
    }
}

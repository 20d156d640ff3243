package dev.twilioconnector.sample.sandbox;

import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The sandbox's memory: every message sent through {@link SandboxApi} or by {@link SandboxPhone},
 * newest first, at most {@link #capacity()} of them (the oldest are forgotten). Thread-safe; every list
 * handed out is a snapshot.
 */
public final class SandboxMessages {

    public static final int DEFAULT_CAPACITY = 1000;

    private final int capacity;
    private final Clock clock;
    /** Newest first. Guarded by {@code this}, as is {@link #messagingServices}. */
    private final LinkedList<SandboxMessage> messages = new LinkedList<>();
    private final Map<String, String> messagingServices = new HashMap<>();

    public SandboxMessages() {
        this(DEFAULT_CAPACITY, Clock.systemUTC());
    }

    public SandboxMessages(int capacity, Clock clock) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.capacity = capacity;
        this.clock = clock;
    }

    /** A new message SID: {@code SM} and 32 lowercase hex digits. */
    public static String newSid() {
        return "SM" + UUID.randomUUID().toString().replace("-", "");
    }

    /** Records a new message with a new SID, created now. */
    public SandboxMessage create(String direction, String from, String to, String body, String status,
                                 List<String> mediaUrls, String reply) {
        return add(new SandboxMessage(newSid(), direction, from, to, body, status, clock.instant(), mediaUrls, reply));
    }

    /** Records a message the connector sent through the Messages API ({@code outbound-api}, {@code queued}). */
    public SandboxMessage createOutbound(String from, String to, String body, List<String> mediaUrls, String messagingServiceSid) {
        SandboxMessage message = new SandboxMessage(newSid(), SandboxMessage.OUTBOUND, from, to, body, SandboxMessage.QUEUED,
                clock.instant(), mediaUrls, null);
        synchronized (this) {
            add(message);
            if (messagingServiceSid != null) {
                messagingServices.put(message.sid(), messagingServiceSid);
            }
        }
        return message;
    }

    /** Records a message as the newest; one with the same SID is replaced (and so moves to the front). */
    public synchronized SandboxMessage add(SandboxMessage message) {
        remove(message.sid());
        messages.addFirst(message);
        while (messages.size() > capacity) {
            SandboxMessage forgotten = messages.removeLast();
            messagingServices.remove(forgotten.sid());
        }
        return message;
    }

    /** Replaces the message with the same SID where it stands; answers whether there was one. */
    synchronized boolean update(SandboxMessage message) {
        ListIterator<SandboxMessage> all = messages.listIterator();
        while (all.hasNext()) {
            if (all.next().sid().equals(message.sid())) {
                all.set(message);
                return true;
            }
        }
        return false;
    }

    public synchronized Optional<SandboxMessage> find(String sid) {
        return messages.stream().filter(message -> message.sid().equals(sid)).findFirst();
    }

    /** The Messaging Service ({@code MG…}) a message was sent through, if it was. */
    public synchronized Optional<String> messagingServiceSid(String sid) {
        return Optional.ofNullable(messagingServices.get(sid));
    }

    public synchronized List<SandboxMessage> newestFirst() {
        return List.copyOf(messages);
    }

    /** The messages the application sent, newest first. */
    public synchronized List<SandboxMessage> outbound() {
        return messages.stream().filter(SandboxMessage::isOutbound).toList();
    }

    /** The messages the sandbox phone sent to the application, newest first. */
    public synchronized List<SandboxMessage> inbound() {
        return messages.stream().filter(SandboxMessage::isInbound).toList();
    }

    public synchronized int size() {
        return messages.size();
    }

    public int capacity() {
        return capacity;
    }

    public synchronized void clear() {
        messages.clear();
        messagingServices.clear();
    }

    private void remove(String sid) {
        if (messages.removeIf(message -> message.sid().equals(sid))) {
            messagingServices.remove(sid);
        }
    }

    @Override
    public synchronized String toString() {
        return "SandboxMessages[" + messages.size() + " of at most " + capacity + "]";
    }
}

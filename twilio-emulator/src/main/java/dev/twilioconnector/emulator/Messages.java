package dev.twilioconnector.emulator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Every message the emulator holds, of every account: at most {@link #capacity()} of them, the oldest
 * forgotten first, so a long benchmark holds a bounded amount. Lists are snapshots, oldest first.
 * Thread-safe.
 */
public final class Messages {

    private final int capacity;
    /** Oldest first. Guarded by {@code this}. */
    private final LinkedHashMap<String, Message> bySid = new LinkedHashMap<>();

    Messages(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must not be negative, was " + capacity);
        }
        this.capacity = capacity;
    }

    /** Every message held, oldest first. */
    public synchronized List<Message> all() {
        return List.copyOf(bySid.values());
    }

    /** The messages the application sent through the Messages API, oldest first. */
    public List<Message> sent() {
        return select(message -> Message.OUTBOUND_API.equals(message.direction()));
    }

    /** The messages the application sent through the Messages API to {@code to}, oldest first. */
    public List<Message> sentTo(String to) {
        return select(message -> Message.OUTBOUND_API.equals(message.direction()) && to.equals(message.to()));
    }

    /** The messages phones texted to the application, oldest first. */
    public List<Message> inbound() {
        return select(Message::isInbound);
    }

    public synchronized Optional<Message> find(String sid) {
        return Optional.ofNullable(bySid.get(sid));
    }

    public synchronized int size() {
        return bySid.size();
    }

    /** How many messages are kept at most. */
    public int capacity() {
        return capacity;
    }

    /** The messages that pass {@code filter}, oldest first. */
    public synchronized List<Message> select(Predicate<Message> filter) {
        List<Message> selected = new ArrayList<>();
        for (Message message : bySid.values()) {
            if (filter.test(message)) {
                selected.add(message);
            }
        }
        return Collections.unmodifiableList(selected);
    }

    /** The account's messages that pass {@code filter}, newest first as Twilio lists them; of two as old, the one added later first. */
    List<Message> newestFirst(String accountSid, Predicate<Message> filter) {
        List<Message> selected = new ArrayList<>(select(message -> accountSid.equals(message.accountSid()) && filter.test(message)));
        Collections.reverse(selected);
        selected.sort(Comparator.comparing(Message::dateCreated).reversed());
        return selected;
    }

    synchronized void add(Message message) {
        if (capacity == 0) {
            return;
        }
        bySid.remove(message.sid());
        bySid.put(message.sid(), message);
        if (bySid.size() > capacity) {
            Map.Entry<String, Message> oldest = bySid.entrySet().iterator().next();
            bySid.remove(oldest.getKey());
        }
    }

    /** Changes the message with this SID where it stands; answers the changed one, if it is still held. */
    synchronized Optional<Message> update(String sid, UnaryOperator<Message> change) {
        return Optional.ofNullable(bySid.computeIfPresent(sid, (key, message) -> change.apply(message)));
    }

    synchronized void clear() {
        bySid.clear();
    }

    @Override
    public synchronized String toString() {
        return "Messages[" + bySid.size() + " of at most " + capacity + "]";
    }
}

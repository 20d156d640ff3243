package dev.twilioconnector.emulator;

import java.util.ArrayDeque;
import java.util.List;

/** The last requests the emulator answered, at most a given number, so that a long run holds a bounded amount. */
final class RequestJournal {

    private final int capacity;
    /** Oldest first. Guarded by {@code this}. */
    private final ArrayDeque<RecordedRequest> requests = new ArrayDeque<>();

    RequestJournal(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must not be negative, was " + capacity);
        }
        this.capacity = capacity;
    }

    void add(RecordedRequest request) {
        if (capacity == 0) {
            return;
        }
        synchronized (this) {
            requests.addLast(request);
            if (requests.size() > capacity) {
                requests.removeFirst();
            }
        }
    }

    synchronized List<RecordedRequest> all() {
        return List.copyOf(requests);
    }

    synchronized void clear() {
        requests.clear();
    }

    int capacity() {
        return capacity;
    }
}

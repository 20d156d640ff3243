package dev.twilioconnector.emulator;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The faults a test asked for, each for the requests of its {@link RequestMatch}, for good or for the
 * next so many of them. The oldest rule that matches and is not used up applies, so
 * {@code failNext(1, a)} then {@code fail(b)} answers {@code a} once and {@code b} ever after.
 */
final class FaultRules {

    /** @param remaining how many more requests it applies to; negative for no limit */
    private record Rule(RequestMatch match, Fault fault, AtomicInteger remaining) {

        boolean take() {
            while (true) {
                int left = remaining.get();
                if (left < 0) {
                    return true;
                }
                if (left == 0) {
                    return false;
                }
                if (remaining.compareAndSet(left, left - 1)) {
                    return true;
                }
            }
        }
    }

    private final List<Rule> rules = new CopyOnWriteArrayList<>();

    void add(RequestMatch match, Fault fault, int times) {
        rules.add(new Rule(match, fault, new AtomicInteger(times)));
    }

    /** The fault for this request, or {@code null} for Twilio's usual answer. */
    Fault pick(RecordedRequest request) {
        if (rules.isEmpty()) {
            return null;
        }
        for (Rule rule : rules) {
            if (rule.match().test(request) && rule.take()) {
                return rule.fault();
            }
        }
        rules.removeIf(rule -> rule.remaining().get() == 0);
        return null;
    }

    void clear() {
        rules.clear();
    }
}

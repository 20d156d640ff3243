package dev.twilioconnector.inbound.trigger;

/**
 * Text that stops a regex match once its deadline has passed: every character the engine reads
 * checks the clock, so even catastrophic backtracking ({@code (a+)+$} against a long hostile body)
 * ends in time, with {@link MatchTimedOut}.
 */
final class DeadlineText implements CharSequence {

    private final CharSequence text;
    private final long deadlineNanos;

    DeadlineText(CharSequence text, long deadlineNanos) {
        this.text = text;
        this.deadlineNanos = deadlineNanos;
    }

    @Override
    public char charAt(int index) {
        if (System.nanoTime() - deadlineNanos > 0) {
            throw new MatchTimedOut();
        }
        return text.charAt(index);
    }

    @Override
    public int length() {
        return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return new DeadlineText(text.subSequence(start, end), deadlineNanos);
    }

    @Override
    public String toString() {
        return text.toString();
    }

    /** The match took longer than allowed. */
    static final class MatchTimedOut extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MatchTimedOut() {
            super(null, null, false, false);
        }
    }
}

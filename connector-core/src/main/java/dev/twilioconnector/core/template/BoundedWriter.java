package dev.twilioconnector.core.template;

import java.io.IOException;
import java.io.Writer;

/**
 * Collects rendered text up to a number of characters (Unicode code points, as Twilio counts them)
 * and refuses to grow past it: the first character beyond the limit is not stored, the writer is
 * marked {@linkplain #overflowed() overflowed} and every write from then on throws {@link Full}, which
 * ends the rendering. So a template that would write gigabytes costs {@code maxLength} characters of
 * memory and the time to write them.
 *
 * <p>A surrogate pair is one character and never cut apart; an unpaired surrogate counts as one
 * character, as {@link String#codePointCount} counts it. Not thread-safe (one rendering, one writer).
 */
final class BoundedWriter extends Writer {

    private final int maxLength;
    private final StringBuilder text;
    private int length;
    private boolean overflowed;

    BoundedWriter(int maxLength) {
        if (maxLength < 0) {
            throw new IllegalArgumentException("maxLength must not be negative, was " + maxLength);
        }
        this.maxLength = maxLength;
        this.text = new StringBuilder(Math.min(maxLength, 256));
    }

    @Override
    public void write(int c) throws IOException {
        put((char) c);
    }

    @Override
    public void write(char[] chars, int offset, int count) throws IOException {
        for (int i = offset; i < offset + count; i++) {
            put(chars[i]);
        }
    }

    @Override
    public void write(String string, int offset, int count) throws IOException {
        for (int i = offset; i < offset + count; i++) {
            put(string.charAt(i));
        }
    }

    @Override
    public Writer append(CharSequence sequence) throws IOException {
        CharSequence chars = sequence == null ? "null" : sequence;
        for (int i = 0; i < chars.length(); i++) {
            put(chars.charAt(i));
        }
        return this;
    }

    private void put(char c) throws Full {
        if (overflowed) {
            throw new Full(maxLength);
        }
        boolean continuesPair = Character.isLowSurrogate(c) && !text.isEmpty()
                && Character.isHighSurrogate(text.charAt(text.length() - 1));
        if (!continuesPair) {
            if (length == maxLength) {
                overflowed = true;
                throw new Full(maxLength);
            }
            length++;
        }
        text.append(c);
    }

    /** Whether the text went past the limit (then {@link #text()} holds its first {@code maxLength} characters). */
    boolean overflowed() {
        return overflowed;
    }

    /** What was written, at most {@code maxLength} characters. */
    String text() {
        return text.toString();
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }

    /** Thrown by every write once the text is full; it stops the template. */
    static final class Full extends IOException {

        private static final long serialVersionUID = 1L;

        Full(int maxLength) {
            super("the rendered text is longer than " + maxLength + " characters");
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }
}

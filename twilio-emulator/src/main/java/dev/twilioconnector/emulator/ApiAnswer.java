package dev.twilioconnector.emulator;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What {@link TwilioApi} decided to answer, for the HTTP server to carry out: after {@link #release()} and {@link #delay()},
 * answer with status, headers and body, or, for a fault, drop the connection or break the answer off.
 * The server calls {@link #finished()} just before the answer's first byte leaves (or the connection is
 * dropped), which ends the request's time in flight, what throttling counts: the caller cannot have
 * sent its next request before that.
 */
public final class ApiAnswer {

    /** How the server is to answer. */
    public enum Kind {
        /** Status, headers and body, as usual. */
        RESPOND,
        /** Close the connection without any answer. */
        DISCONNECT,
        /** Send the status and headers and a part of a chunked body, then close the connection mid-body. */
        BREAK_OFF
    }

    static final String JSON = "application/json; charset=utf-8";

    private final Kind kind;
    private final int status;
    private final String contentType;
    private final Map<String, String> headers;
    private final byte[] body;
    private final Duration delay;
    private final CompletableFuture<?> release;
    private final Runnable onFinished;
    private final AtomicBoolean done = new AtomicBoolean();

    ApiAnswer(Kind kind, int status, String contentType, Map<String, String> headers, String body, Duration delay,
              CompletableFuture<?> release, Runnable onFinished) {
        this.kind = kind;
        this.status = status;
        this.contentType = contentType;
        this.headers = Map.copyOf(headers);
        this.body = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        this.delay = delay;
        this.release = release;
        this.onFinished = onFinished;
    }

    public Kind kind() {
        return kind;
    }

    public int status() {
        return status;
    }

    /** The body's media type, {@code null} for an answer without a body. */
    public String contentType() {
        return contentType;
    }

    /** Headers besides {@code Content-Type}. */
    public Map<String, String> headers() {
        return headers;
    }

    /** The body in UTF-8; a copy. */
    public byte[] body() {
        return body.clone();
    }

    /** The body's length in bytes. */
    public int bodyLength() {
        return body.length;
    }

    /** Writes the body without copying it. */
    void writeBody(OutputStream out, int length) throws IOException {
        out.write(body, 0, Math.min(length, body.length));
    }

    /** How long to wait before answering, counted from {@link #release()}. */
    public Duration delay() {
        return delay;
    }

    /** What the answer waits for before its {@link #delay()} starts; already complete unless a test holds it. */
    public CompletableFuture<?> release() {
        return release;
    }

    /** To be called just before the answer is written or the connection dropped; later calls do nothing. */
    public void finished() {
        if (done.compareAndSet(false, true)) {
            onFinished.run();
        }
    }
}

package dev.twilioconnector.emulator;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Something other than Twilio's usual answer, for {@link TwilioEmulator#fail} and
 * {@link TwilioEmulator#failNext}: an error answer, an answer no Twilio would give (as a proxy in between
 * might), a dropped or broken connection, or the usual answer late or held. Every fault except
 * {@link #delay(Duration)}, {@link #holdUntil} and {@link #loseAnswer()} answers instead of Twilio: nothing is created.
 */
public final class Fault {

    /** What a fault waits for that holds nothing. */
    static final CompletableFuture<Void> RELEASED = CompletableFuture.completedFuture(null);

    private enum Mode {
        /** The fault's own answer; the request is not carried out. */
        INSTEAD,
        /** The usual answer, late. */
        LATE,
        /** The request is carried out, and then the connection is dropped. */
        LOST
    }

    private final Mode mode;
    private final ApiAnswer.Kind kind;
    private final int status;
    private final String contentType;
    private final Map<String, String> headers;
    private final String body;
    private final Duration delay;
    private final CompletableFuture<?> release;

    private Fault(Mode mode, ApiAnswer.Kind kind, int status, String contentType, Map<String, String> headers, String body,
                  Duration delay, CompletableFuture<?> release) {
        this.mode = mode;
        this.kind = kind;
        this.status = status;
        this.contentType = contentType;
        this.headers = Map.copyOf(headers);
        this.body = body;
        this.delay = delay;
        this.release = release;
    }

    /** Twilio's error answer: the HTTP status and Twilio's JSON with {@code code}, {@code message}, {@code more_info}, {@code status}. */
    public static Fault twilioError(int status, int code, String message) {
        return instead(status, ApiAnswer.JSON, TwilioJson.error(status, code, message));
    }

    /** 429 with code 20429, and {@code Retry-After} in seconds. */
    public static Fault tooManyRequests(int retryAfterSeconds) {
        return twilioError(429, 20429, "Too Many Requests").withHeader("Retry-After", String.valueOf(retryAfterSeconds));
    }

    /** 500 with code 20500. */
    public static Fault serverError() {
        return twilioError(500, 20500, "Internal Server Error");
    }

    /** 503 with code 20503, and {@code Retry-After} in seconds. */
    public static Fault unavailable(int retryAfterSeconds) {
        return twilioError(503, 20503, "Service Unavailable").withHeader("Retry-After", String.valueOf(retryAfterSeconds));
    }

    /** 401 with code 20003, as for wrong credentials. */
    public static Fault unauthorized() {
        return twilioError(401, 20003, "Authenticate").withHeader("WWW-Authenticate", TwilioApi.CHALLENGE);
    }

    /** Any answer at all: a status with a body of a given media type ({@code null} body: none), e.g. a proxy's HTML page. */
    public static Fault answer(int status, String contentType, String body) {
        return instead(status, contentType, body);
    }

    /** The connection is closed without any answer. */
    public static Fault disconnect() {
        return new Fault(Mode.INSTEAD, ApiAnswer.Kind.DISCONNECT, 0, null, Map.of(), null, Duration.ZERO, RELEASED);
    }

    /** A 201 whose chunked body breaks off: status and headers arrive, then the connection closes mid-body. */
    public static Fault breakOff() {
        return new Fault(Mode.INSTEAD, ApiAnswer.Kind.BREAK_OFF, 201, ApiAnswer.JSON, Map.of(), "{\"sid\":\"SM", Duration.ZERO, RELEASED);
    }

    /** The usual answer, {@code delay} late (on top of the emulator's latency). */
    public static Fault delay(Duration delay) {
        return new Fault(Mode.LATE, ApiAnswer.Kind.RESPOND, 0, null, Map.of(), null, requireNotNegative(delay), RELEASED);
    }

    /**
     * The usual answer once {@code release} completes (however it completes): a Twilio that hangs until the
     * test lets it go, for what an application does meanwhile, without waiting out a fixed delay.
     */
    public static Fault holdUntil(CompletableFuture<?> release) {
        return new Fault(Mode.LATE, ApiAnswer.Kind.RESPOND, 0, null, Map.of(), null, Duration.ZERO,
                Objects.requireNonNull(release, "release"));
    }

    /**
     * The request is carried out (a message is created, and reported if it asked for reports), but the
     * connection is dropped instead of answering: the case where the sender cannot know whether Twilio acted.
     */
    public static Fault loseAnswer() {
        return new Fault(Mode.LOST, ApiAnswer.Kind.DISCONNECT, 0, null, Map.of(), null, Duration.ZERO, RELEASED);
    }

    /** This fault, {@code delay} late. */
    public Fault after(Duration later) {
        return new Fault(mode, kind, status, contentType, headers, body, requireNotNegative(later), release);
    }

    /** This fault's answer with one more header. */
    public Fault withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
        return new Fault(mode, kind, status, contentType, more, body, delay, release);
    }

    boolean replacesAnswer() {
        return mode == Mode.INSTEAD;
    }

    boolean losesAnswer() {
        return mode == Mode.LOST;
    }

    Duration delay() {
        return delay;
    }

    CompletableFuture<?> release() {
        return release;
    }

    /** The fault's own answer; only for faults that {@link #replacesAnswer()}. */
    ApiAnswer answer(Duration extraDelay, Runnable onFinished) {
        return new ApiAnswer(kind, status, contentType, headers, body, delay.plus(extraDelay), release, onFinished);
    }

    /** The status this fault's answer is recorded with. */
    int recordedStatus() {
        return kind == ApiAnswer.Kind.DISCONNECT ? RecordedRequest.NO_ANSWER : status;
    }

    @Override
    public String toString() {
        String what = switch (mode) {
            case LATE -> release.isDone() ? "usual answer" : "usual answer, held";
            case LOST -> "carried out, answer lost";
            case INSTEAD -> kind == ApiAnswer.Kind.RESPOND ? "HTTP " + status : kind.name().toLowerCase(Locale.ROOT);
        };
        return "Fault[" + what + (delay.isZero() ? "" : " after " + delay) + "]";
    }

    private static Fault instead(int status, String contentType, String body) {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("no HTTP status: " + status);
        }
        return new Fault(Mode.INSTEAD, ApiAnswer.Kind.RESPOND, status, contentType, Map.of(), body, Duration.ZERO, RELEASED);
    }

    private static Duration requireNotNegative(Duration delay) {
        if (Objects.requireNonNull(delay, "delay").isNegative()) {
            throw new IllegalArgumentException("a delay cannot be negative: " + delay);
        }
        return delay;
    }
}

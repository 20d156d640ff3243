package dev.twilioconnector.emulator;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Serves {@link TwilioApi} on a loopback port with the JDK's own HTTP server (keep-alive, a pool of
 * handler threads). Late answers wait on a timer, not in a handler thread, so a slow emulated Twilio
 * ties up no thread per request in flight. Per request it does no logging and nothing beyond reading
 * the request, asking the API and writing the answer: benchmarks push thousands of requests a second
 * through it.
 */
final class EmulatorServer implements AutoCloseable {

    private static final String NODELAY = "sun.net.httpserver.nodelay";

    static {
        // The JDK server writes the headers and the body of an answer in two writes; with Nagle's algorithm
        // the second waits for the client's delayed ACK of the first, some 40 ms per answer on loopback.
        // The server reads this once, when it is first used, so it has to be set before.
        if (System.getProperty(NODELAY) == null) {
            System.setProperty(NODELAY, "true");
        }
    }

    private final TwilioApi api;
    private final HttpServer server;
    private final ThreadPoolExecutor handlers;
    private final ScheduledExecutorService timer;

    EmulatorServer(TwilioApi api, int port, int threads) {
        this.api = api;
        this.handlers = new ThreadPoolExecutor(Math.max(threads, 1), Math.max(threads, 1), 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                daemons("twilio-emulator-"));
        this.handlers.allowCoreThreadTimeOut(true);
        this.timer = Executors.newScheduledThreadPool(1, daemons("twilio-emulator-timer-"));
        try {
            this.server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 1024);
        } catch (IOException e) {
            handlers.shutdownNow();
            timer.shutdownNow();
            throw new UncheckedIOException("the Twilio emulator could not listen on 127.0.0.1:" + port, e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(threads == 0 ? Runnable::run : handlers);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + port());
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        URI uri = exchange.getRequestURI();
        String target = uri.getRawQuery() == null ? uri.getRawPath() : uri.getRawPath() + "?" + uri.getRawQuery();
        ApiAnswer answer = api.answer(new ApiRequest(exchange.getRequestMethod(), target, exchange.getRequestHeaders(), body));
        Duration delay = answer.delay();
        boolean now = delay.isZero() && answer.release().isDone();
        if (now || answer.kind() != ApiAnswer.Kind.RESPOND) {
            // A dropped or broken connection must end in this thread: the server drops it when the handler throws.
            answer.release().handle((value, failure) -> null).join();
            pause(delay);
            carryOut(exchange, answer);
            return;
        }
        answer.release().whenComplete((value, failure) -> timer.schedule(() -> {
            try {
                carryOut(exchange, answer);
            } catch (IOException clientGone) {
                exchange.close();
            }
        }, delay.toNanos(), TimeUnit.NANOSECONDS));
    }

    private static void carryOut(HttpExchange exchange, ApiAnswer answer) throws IOException {
        // Out of flight before the first byte leaves: a caller's next request can never meet its previous one still counted.
        answer.finished();
        switch (answer.kind()) {
            case RESPOND -> respond(exchange, answer);
            case DISCONNECT -> throw new IOException("fault: the connection is dropped without an answer");
            case BREAK_OFF -> {
                exchange.getResponseHeaders().set("Content-Type", answer.contentType());
                exchange.sendResponseHeaders(answer.status(), 0);
                OutputStream out = exchange.getResponseBody();
                answer.writeBody(out, answer.bodyLength());
                out.flush();
                throw new IOException("fault: the answer breaks off mid-body");
            }
        }
    }

    private static void respond(HttpExchange exchange, ApiAnswer answer) throws IOException {
        Headers headers = exchange.getResponseHeaders();
        if (answer.contentType() != null) {
            headers.set("Content-Type", answer.contentType());
        }
        answer.headers().forEach(headers::set);
        int length = answer.bodyLength();
        exchange.sendResponseHeaders(answer.status(), length == 0 ? -1 : length);
        try (OutputStream out = exchange.getResponseBody()) {
            answer.writeBody(out, length);
        }
    }

    private static void pause(Duration delay) {
        if (delay.isZero()) {
            return;
        }
        try {
            Thread.sleep(delay.toMillis(), delay.toNanosPart() % 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
        timer.shutdownNow();
    }

    private static ThreadFactory daemons(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}

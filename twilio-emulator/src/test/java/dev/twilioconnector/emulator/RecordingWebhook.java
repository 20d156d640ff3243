package dev.twilioconnector.emulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * The application's side of webhooks, for the emulator's own tests: records every POST it gets (URL,
 * signature, form) and answers with what {@link #answer} says, 204 unless told otherwise.
 */
final class RecordingWebhook implements AutoCloseable {

    /** One POST as the application got it. */
    record Received(String path, String signature, Map<String, List<String>> form) {

        String param(String name) {
            List<String> values = form.get(name);
            return values == null ? null : values.get(0);
        }
    }

    /** What to answer: status, content type and body. */
    record Answer(int status, String contentType, String body) {
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile Function<Received, Answer> answer = request -> new Answer(204, null, "");

    RecordingWebhook() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    void answer(Function<Received, Answer> newAnswer) {
        answer = newAnswer;
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Received request = new Received(exchange.getRequestURI().getPath(), exchange.getRequestHeaders().getFirst("X-Twilio-Signature"),
                FormCodec.decode(body));
        received.add(request);
        Answer reply = answer.apply(request);
        if (reply.contentType() != null) {
            exchange.getResponseHeaders().set("Content-Type", reply.contentType());
        }
        byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

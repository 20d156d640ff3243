package dev.twilioconnector.contract;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The one base URL the connector is given: sends each request to the Prism of its path's document
 * ({@code /2010-04-01/…} to api.twilio.com's, {@code /v2/…} to verify.twilio.com's) and records it as it went
 * over the wire, repeated form keys included, with Prism's answer and verdict ({@link Exchange}).
 */
final class PrismRouter implements AutoCloseable {

    /** Headers java.net.http sets itself and refuses to be given. */
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "expect", "host", "keep-alive", "transfer-encoding",
            "upgrade");

    private final Map<String, String> prismByPathPrefix;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();
    private final ExecutorService threads = Executors.newFixedThreadPool(8);
    private final HttpServer server;

    /** @param prismByPathPrefix the base URL of the Prism for each path prefix, e.g. {@code /v2/} */
    PrismRouter(Map<String, String> prismByPathPrefix) throws IOException {
        this.prismByPathPrefix = Map.copyOf(prismByPathPrefix);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.createContext("/", this::route);
        server.setExecutor(threads);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** What went through since {@link #forget()}, oldest first. */
    List<Exchange> exchanges() {
        return List.copyOf(exchanges);
    }

    void forget() {
        exchanges.clear();
    }

    private void route(HttpExchange exchange) throws IOException {
        try (exchange) {
            URI uri = exchange.getRequestURI();
            String target = uri.getRawQuery() == null ? uri.getRawPath() : uri.getRawPath() + "?" + uri.getRawQuery();
            String prism = prismFor(uri.getRawPath());
            if (prism == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] body = exchange.getRequestBody().readAllBytes();
            HttpResponse<byte[]> answer = forward(exchange, URI.create(prism + target), body);
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            exchanges.add(new Exchange(method, target, Exchange.decode(new String(body, StandardCharsets.UTF_8)),
                    exchange.getRequestHeaders().getFirst("Authorization"), answer.statusCode(),
                    new String(answer.body(), StandardCharsets.UTF_8), answer.headers().firstValue(Exchange.VIOLATIONS).orElse(null)));
            answer.headers().map().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, new ArrayList<>(values));
                }
            });
            exchange.sendResponseHeaders(answer.statusCode(), answer.body().length == 0 ? -1 : answer.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer.body());
            }
        }
    }

    private String prismFor(String path) {
        return prismByPathPrefix.entrySet().stream().filter(entry -> path.startsWith(entry.getKey())).map(Map.Entry::getValue)
                .findFirst().orElse(null);
    }

    private HttpResponse<byte[]> forward(HttpExchange exchange, URI to, byte[] body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(to).timeout(Duration.ofSeconds(60))
                .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> request.header(name, value));
            }
        });
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while Prism answered " + to, e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}

package dev.twilioconnector.benchmarks;

import dev.twilioconnector.core.settings.RetryPolicy;
import dev.twilioconnector.core.settings.TwilioSettings;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Twilio's message creation answering at once: a bare HTTP/1.1 keep-alive responder on a loopback
 * port that answers {@code POST …/Messages.json} with 201 and a fresh {@code SM…} SID (anything else:
 * 404). WireMock spends about 50 µs of the same two cores on matching and journalling each request;
 * where the connector's own cost per message is what is measured, the fake should cost next to nothing.
 */
public final class InstantTwilio implements AutoCloseable {

    private static final String CREATE = "POST " + FakeTwilio.MESSAGES_PATH + " ";

    private final ServerSocket server;
    private final ExecutorService connections = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "instant-twilio");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicLong accepted = new AtomicLong();

    public InstantTwilio() {
        try {
            server = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        connections.execute(this::acceptConnections);
    }

    /** Credentials for this fake, {@code parallelism} requests at once, the default retry policy. */
    public TwilioSettings settings(int parallelism) {
        return TwilioSettings.defaults()
                .withCredentials(FakeTwilio.ACCOUNT, FakeTwilio.TOKEN)
                .withApiBaseUrl(URI.create("http://127.0.0.1:" + server.getLocalPort()))
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(30))
                .withSending(parallelism, RetryPolicy.DEFAULT);
    }

    /** Messages answered 201 so far. */
    public long accepted() {
        return accepted.get();
    }

    private void acceptConnections() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                connections.execute(() -> serve(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket; InputStream in = new BufferedInputStream(socket.getInputStream());
             OutputStream out = new BufferedOutputStream(socket.getOutputStream())) {
            socket.setTcpNoDelay(true);
            while (true) {
                String requestLine = HttpLines.readLine(in);
                if (requestLine == null) {
                    return;
                }
                int contentLength = 0;
                for (String header = HttpLines.readLine(in); header != null && !header.isEmpty(); header = HttpLines.readLine(in)) {
                    if (header.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                        contentLength = Integer.parseInt(header.substring(15).trim());
                    }
                }
                in.skipNBytes(contentLength);
                if (requestLine.startsWith(CREATE)) {
                    answer(out, "201 Created", created(accepted.incrementAndGet()));
                } else {
                    answer(out, "404 Not Found", "{\"code\":20404,\"message\":\"not found\",\"status\":404}");
                }
            }
        } catch (IOException e) {
            // the client closed the connection
        }
    }

    private static String created(long number) {
        String sid = "SM" + String.format("%032x", number);
        return "{\"sid\":\"" + sid + "\",\"account_sid\":\"" + FakeTwilio.ACCOUNT + "\",\"from\":\"" + FakeTwilio.FROM
                + "\",\"status\":\"queued\",\"num_segments\":\"1\",\"direction\":\"outbound-api\",\"api_version\":\"2010-04-01\"}";
    }

    private static void answer(OutputStream out, String status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        out.write(("HTTP/1.1 " + status + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        connections.shutdownNow();
    }
}

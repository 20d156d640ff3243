package dev.twilioconnector.benchmarks;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The benchmarks' bare HTTP/1.1 server on a loopback port: one thread per kept-alive connection, which reads each request
 * and runs the handler itself. It costs next to nothing beside what a benchmark measures, and it hands no request from one
 * thread to another, as Tomcat does (poller to worker and back). It serves the benchmarks' own clients and nothing else:
 * no limits, no chunked bodies.
 */
public final class LoopbackHttpServer implements AutoCloseable {

    /** One request: the URL it was sent to (this server's base and the request target), the start line's parts, the header lines, the body. */
    public record Request(String url, String method, String target, List<String> headers, String body) {

        /** The value of the first header of that name, or {@code null}. */
        public String header(String name) {
            for (String header : headers) {
                boolean named = header.length() > name.length() && header.charAt(name.length()) == ':';
                if (named && header.regionMatches(true, 0, name, 0, name.length())) {
                    return header.substring(name.length() + 1).trim();
                }
            }
            return null;
        }
    }

    /** One answer: the status with its reason phrase ({@code "201 Created"}), the media type and the body. */
    public record Response(String status, String contentType, String body) {
    }

    @FunctionalInterface
    public interface Handler {
        Response handle(Request request);
    }

    private final ServerSocket server;
    private final String base;
    private final String name;
    private final Handler handler;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();

    /** Listens on a free loopback port; {@code name} names its threads. */
    public LoopbackHttpServer(String name, Handler handler) {
        this.name = name;
        this.handler = handler;
        try {
            this.server = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.base = "http://127.0.0.1:" + server.getLocalPort();
        daemon(name + "-accept", this::accept).start();
    }

    /** This server's URL for {@code path} ({@code ""}: its base URL). */
    public String url(String path) {
        return base + path;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket connection = server.accept();
                connection.setTcpNoDelay(true);
                connections.add(connection);
                daemon(name + "-" + connection.getPort(), () -> serve(connection)).start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket connection) {
        try (connection) {
            InputStream in = new BufferedInputStream(connection.getInputStream());
            OutputStream out = new BufferedOutputStream(connection.getOutputStream());
            for (String requestLine = HttpLines.readLine(in); requestLine != null; requestLine = HttpLines.readLine(in)) {
                int length = 0;
                List<String> headers = new ArrayList<>();
                for (String header = HttpLines.readLine(in); header != null && !header.isEmpty(); header = HttpLines.readLine(in)) {
                    headers.add(header);
                    if (header.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                        length = Integer.parseInt(header.substring(15).trim());
                    }
                }
                String[] start = requestLine.split(" ", 3);
                Response response = respond(new Request(base + start[1], start[0], start[1], headers,
                        new String(in.readNBytes(length), StandardCharsets.UTF_8)));
                byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
                out.write(("HTTP/1.1 " + response.status() + "\r\nContent-Type: " + response.contentType() + "\r\nContent-Length: "
                        + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
            }
        } catch (IOException e) {
            // the client went away, or the server closed: the connection's thread ends
        } finally {
            connections.remove(connection);
        }
    }

    /** The handler's answer, or a 500 naming its failure, so that the client reports it instead of a closed connection. */
    private Response respond(Request request) {
        try {
            return handler.handle(request);
        } catch (RuntimeException e) {
            return new Response("500 Internal Server Error", "text/plain", String.valueOf(e));
        }
    }

    private static Thread daemon(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        return thread;
    }

    /** Stops accepting and closes the open connections, which ends their threads. */
    @Override
    public void close() {
        closeQuietly(server);
        connections.forEach(LoopbackHttpServer::closeQuietly);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // closed anyway
        }
    }
}

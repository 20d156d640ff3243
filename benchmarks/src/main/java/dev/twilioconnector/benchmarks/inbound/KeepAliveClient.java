package dev.twilioconnector.benchmarks.inbound;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * Benchmark 3's load generator: a plain blocking HTTP/1.1 client with one kept-alive connection per load thread, as wrk
 * would have. It shares the two cores with the application, and whatever it spends per request it spends on both
 * webhooks alike, which pulls their ratio towards 1: the JDK's HttpClient spent about as much CPU per request as the
 * connector's webhook itself, this one a small part of it. It reads only what the two webhooks answer: a status line,
 * headers and a body of {@code Content-Length} bytes (Spring MVC sets it for a {@code String} body).
 */
final class KeepAliveClient {

    record Answer(int status, String body) {
    }

    private record Connection(Socket socket, InputStream in) {
    }

    private final URI url;
    private final ThreadLocal<Connection> connections = new ThreadLocal<>();

    KeepAliveClient(URI url) {
        this.url = url;
    }

    Answer post(String signature, String form) {
        byte[] content = form.getBytes(StandardCharsets.UTF_8);
        byte[] head = ("POST " + url.getRawPath() + " HTTP/1.1\r\nHost: " + url.getHost() + ":" + url.getPort()
                + "\r\nContent-Type: application/x-www-form-urlencoded; charset=UTF-8\r\nX-Twilio-Signature: " + signature
                + "\r\nContent-Length: " + content.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        // A second attempt on a new connection when the server has closed the kept-alive one (Tomcat does after 100 requests).
        for (int attempt = 1; ; attempt++) {
            try {
                Connection connection = connections.get() == null ? connect() : connections.get();
                connection.socket().getOutputStream().write(concat(head, content));
                return answer(connection.in());
            } catch (IOException e) {
                close();
                if (attempt == 2) {
                    throw new UncheckedIOException("POST " + url + " failed", e);
                }
            }
        }
    }

    private Connection connect() throws IOException {
        Socket socket = new Socket(url.getHost(), url.getPort());
        socket.setTcpNoDelay(true);
        Connection connection = new Connection(socket, new BufferedInputStream(socket.getInputStream()));
        connections.set(connection);
        return connection;
    }

    private void close() {
        Connection connection = connections.get();
        connections.remove();
        try {
            if (connection != null) {
                connection.socket().close();
            }
        } catch (IOException e) {
            // gone anyway
        }
    }

    private static Answer answer(InputStream in) throws IOException {
        String statusLine = readLine(in);
        if (statusLine == null) {
            throw new IOException("connection closed");
        }
        int length = -1;
        for (String header = readLine(in); header != null && !header.isEmpty(); header = readLine(in)) {
            if (header.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                length = Integer.parseInt(header.substring(15).trim());
            }
        }
        if (length < 0) {
            throw new IOException("an answer without Content-Length: " + statusLine);
        }
        return new Answer(Integer.parseInt(statusLine.substring(9, 12)), new String(in.readNBytes(length), StandardCharsets.UTF_8));
    }

    /** One status or header line without its CRLF; {@code null} at the end of the stream. */
    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
            line.append((char) c);
        }
        return line.isEmpty() ? null : line.toString().strip();
    }

    private static byte[] concat(byte[] head, byte[] content) {
        byte[] request = new byte[head.length + content.length];
        System.arraycopy(head, 0, request, 0, head.length);
        System.arraycopy(content, 0, request, head.length, content.length);
        return request;
    }
}

package dev.twilioconnector.benchmarks.inbound;

import dev.twilioconnector.benchmarks.HttpLines;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A plain blocking HTTP/1.1 client with one kept-alive connection per load thread, as wrk would have:
 * the load generator shares the two cores with the application, so it should cost as little as a
 * real Twilio's requests cost the application (nothing). The JDK's HttpClient spends about as much CPU
 * per request as the webhook itself.
 */
final class KeepAliveClient {

    record Answer(int status, String body) {
    }

    private final String host;
    private final int port;
    private final String path;
    private final ThreadLocal<Connection> connections = new ThreadLocal<>();

    KeepAliveClient(URI url) {
        this.host = url.getHost();
        this.port = url.getPort();
        this.path = url.getRawPath();
    }

    Answer post(String contentType, String signature, String body) {
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        String head = "POST " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nContent-Type: " + contentType
                + "\r\nX-Twilio-Signature: " + signature + "\r\nContent-Length: " + content.length + "\r\n\r\n";
        for (int attempt = 1; ; attempt++) {
            Connection connection = connection();
            try {
                return connection.exchange(head.getBytes(StandardCharsets.US_ASCII), content);
            } catch (IOException e) {
                connection.close();
                connections.remove();
                if (attempt == 2) {
                    throw new UncheckedIOException("webhook call failed", e);
                }
            }
        }
    }

    private Connection connection() {
        Connection connection = connections.get();
        if (connection == null) {
            try {
                connection = new Connection(new Socket(host, port));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            connections.set(connection);
        }
        return connection;
    }

    private static final class Connection {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;

        Connection(Socket socket) throws IOException {
            this.socket = socket;
            socket.setTcpNoDelay(true);
            this.in = new BufferedInputStream(socket.getInputStream());
            this.out = new BufferedOutputStream(socket.getOutputStream());
        }

        Answer exchange(byte[] head, byte[] body) throws IOException {
            out.write(head);
            out.write(body);
            out.flush();
            String statusLine = HttpLines.readLine(in);
            if (statusLine == null) {
                throw new IOException("connection closed");
            }
            int status = Integer.parseInt(statusLine.substring(9, 12));
            int length = -1;
            boolean chunked = false;
            for (String header = HttpLines.readLine(in); header != null && !header.isEmpty(); header = HttpLines.readLine(in)) {
                if (header.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                    length = Integer.parseInt(header.substring(15).trim());
                } else if (header.regionMatches(true, 0, "Transfer-Encoding:", 0, 18) && header.toLowerCase().contains("chunked")) {
                    chunked = true;
                }
            }
            return new Answer(status, chunked ? readChunked() : new String(in.readNBytes(Math.max(length, 0)), StandardCharsets.UTF_8));
        }

        private String readChunked() throws IOException {
            StringBuilder body = new StringBuilder();
            for (int size = Integer.parseInt(HttpLines.readLine(in).trim(), 16); size > 0; size = Integer.parseInt(HttpLines.readLine(in).trim(), 16)) {
                body.append(new String(in.readNBytes(size), StandardCharsets.UTF_8));
                HttpLines.readLine(in);
            }
            HttpLines.readLine(in);
            return body.toString();
        }

        void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // gone anyway
            }
        }
    }
}

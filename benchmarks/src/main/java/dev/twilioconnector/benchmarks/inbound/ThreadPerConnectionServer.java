package dev.twilioconnector.benchmarks.inbound;

import dev.twilioconnector.benchmarks.HttpLines;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A bare HTTP/1.1 server on loopback for benchmark 3 only: one thread per kept-alive connection, which reads each request
 * and runs its handler itself. Tomcat instead takes each request from its poller thread to a worker thread and hands the
 * connection back to the poller after the answer: the same work on this server shows what those hand-offs cost.
 * It serves the benchmark's own client and nothing else (no limits, no chunked bodies, one handler for every path).
 */
public final class ThreadPerConnectionServer implements AutoCloseable {

    /** What a handler answers: HTTP status and a TwiML or plain-text body. */
    public record Answer(int status, String body) {
    }

    /** Handles one form-encoded POST, given the URL it was sent to, its parameters and its {@code X-Twilio-Signature}. */
    @FunctionalInterface
    public interface Handler {
        Answer handle(String url, Map<String, String> form, String signature);
    }

    private final ServerSocket server;
    private final Handler handler;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();

    public ThreadPerConnectionServer(Handler handler) {
        this.handler = handler;
        try {
            this.server = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        daemon("bench-accept-" + port(), this::accept).start();
    }

    public int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket connection = server.accept();
                connection.setTcpNoDelay(true);
                connections.add(connection);
                daemon("bench-connection-" + connection.getPort(), () -> serve(connection)).start();
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
                String signature = null;
                for (String header = HttpLines.readLine(in); header != null && !header.isEmpty(); header = HttpLines.readLine(in)) {
                    if (header.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                        length = Integer.parseInt(header.substring(15).trim());
                    } else if (header.regionMatches(true, 0, "X-Twilio-Signature:", 0, 19)) {
                        signature = header.substring(19).trim();
                    }
                }
                String url = "http://127.0.0.1:" + port() + requestLine.split(" ", 3)[1];
                Answer answer = answer(url, form(new String(in.readNBytes(length), StandardCharsets.UTF_8)), signature);
                byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
                out.write(("HTTP/1.1 " + answer.status() + " \r\nContent-Type: text/xml;charset=UTF-8\r\nContent-Length: " + body.length
                        + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
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
    private Answer answer(String url, Map<String, String> form, String signature) {
        try {
            return handler.handle(url, form, signature);
        } catch (RuntimeException e) {
            return new Answer(500, String.valueOf(e));
        }
    }

    private static Map<String, String> form(String encoded) {
        Map<String, String> form = new HashMap<>();
        for (String pair : encoded.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                form.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
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
        connections.forEach(ThreadPerConnectionServer::closeQuietly);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // closed anyway
        }
    }
}

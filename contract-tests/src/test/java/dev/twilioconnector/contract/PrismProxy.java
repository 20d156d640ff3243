package dev.twilioconnector.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * One Stoplight Prism process judging one OpenAPI document on a loopback port, in front of Twilio (the
 * emulator): {@code prism proxy --errors}, so a request that breaks the document is answered 422 and never
 * reaches Twilio, and an answer of Twilio's that breaks it is turned into a 500. Its output goes to
 * {@code target/prism/<name>.log}.
 */
final class PrismProxy implements AutoCloseable {

    /** Prism reads Twilio's 1.9 MB v2010 document in about a second here; CI machines may be slower. */
    private static final Duration STARTUP_LIMIT = Duration.ofSeconds(120);

    private final String name;
    private final Process process;
    private final Path log;
    private final int port;
    private final long launchedAt = System.nanoTime();

    private PrismProxy(String name, Process process, Path log, int port) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** Starts Prism in front of {@code upstream} without waiting for it, so several can read their documents at the same time. */
    static PrismProxy launch(String name, Path document, String upstream, Path nodeModules, Path outputDirectory) throws IOException {
        boolean windows = System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("windows");
        Path prism = nodeModules.resolve(".bin").resolve(windows ? "prism.cmd" : "prism");
        if (!Files.isRegularFile(prism)) {
            throw new IllegalStateException(prism + " is missing: the build runs npm ci in contract-tests before the tests "
                    + "(dev.twilioconnector.contract.NodeModules); run it there, or run the tests through Maven");
        }
        int port = freePort();
        Path log = outputDirectory.resolve(name + ".log");
        Files.createDirectories(outputDirectory);
        Process process = new ProcessBuilder(List.of(prism.toString(), "proxy", "--errors", "-p", Integer.toString(port),
                "-h", "127.0.0.1", document.toString(), upstream))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        return new PrismProxy(name, process, log, port);
    }

    /** Waits until Prism answers HTTP at all (any status); fails with its log when it dies or takes too long. */
    PrismProxy awaitReady() throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = launchedAt + STARTUP_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Prism (" + name + ") exited with code " + process.exitValue() + ":\n" + logTail());
            }
            try {
                http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/")).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding());
                System.out.printf("[contract-tests] Prism (%s) answered %.1f s after its start%n", name, (System.nanoTime() - launchedAt) / 1e9);
                return this;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        close();
        throw new IllegalStateException("Prism (" + name + ") did not answer within " + STARTUP_LIMIT.toSeconds() + " s:\n" + logTail());
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** Stops Prism and whatever it started ({@code .bin/prism} may be a wrapper around node). */
    @Override
    public void close() {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        children.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())) + "\n(whole log: " + log + ")";
        } catch (IOException e) {
            return "(no log at " + log + ": " + e.getMessage() + ")";
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.twilioconnector.sample.cluster;

import dev.twilioconnector.emulator.TwilioEmulator;
import dev.twilioconnector.sample.SampleApplication;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * A node of the test cluster in a JVM of its own, so that it can die the way a machine dies:
 * {@link Process#destroyForcibly()} (SIGKILL). Nothing of it runs after that: no shutdown hook, no
 * rollback it performs itself, no further HTTP request; its database sessions end with its sockets.
 * Started with the test's class path and the same settings as the in-JVM nodes.
 */
final class SeparateJvmNode implements AutoCloseable {

    final String name;
    final int port;
    final Path log;
    private final Process process;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private SeparateJvmNode(String name, int port, Path log, Process process) {
        this.name = name;
        this.port = port;
        this.log = log;
        this.process = process;
    }

    static SeparateJvmNode start(String name, String jdbcUrl, TwilioEmulator twilio, Map<String, String> extra) throws IOException {
        int port = ClusterNode.freePort();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", classPath,
                SampleApplication.class.getName()));
        command.addAll(ClusterNode.arguments(name, port, jdbcUrl, twilio, extra));
        Path log = Path.of("target", "cluster-" + name + ".log").toAbsolutePath();
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        // Credentials of the developer's environment must not reach the node (its arguments win anyway).
        builder.environment().keySet().removeIf(key -> key.startsWith("TWILIO_"));
        builder.directory(new File(".").getAbsoluteFile());
        Process process = builder.start();
        // Should this JVM end before the test does, the node must not outlive it.
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, "kill-" + name));
        SeparateJvmNode node = new SeparateJvmNode(name, port, log, process);
        try {
            node.awaitUp();
        } catch (RuntimeException | Error e) {
            process.destroyForcibly();
            throw e;
        }
        return node;
    }

    private void awaitUp() {
        await("node " + name + " up (log: " + log + ")").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("node " + name + " exited with " + process.exitValue() + "; see " + log + ":\n"
                                + tail());
                    }
                    try {
                        return get("/actuator/health").statusCode() == 200;
                    } catch (IOException notYet) {
                        return false;
                    }
                });
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> postJson(String path, String json) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json").header("Authorization", basicAuthorization())
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String basicAuthorization() {
        return "Basic " + Base64.getEncoder().encodeToString((ClusterNode.USER + ":" + ClusterNode.PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    /** SIGKILL, and wait until the process is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("node " + name + " did not die");
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}

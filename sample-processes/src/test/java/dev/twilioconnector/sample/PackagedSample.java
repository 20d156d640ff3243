package dev.twilioconnector.sample;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged sample application started the way the README starts it ({@code java -jar}), as a
 * separate process, on a free port and a file database of the test's choosing: in sandbox mode (no
 * TWILIO_* in its environment), or in live mode with the environment a test gives it.
 */
final class PackagedSample implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private final Process process;
    private final int port;
    private final Path log;

    private PackagedSample(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** In sandbox mode. */
    static PackagedSample start(Path database, String logName) throws IOException {
        return start(database, logName, freePort(), Map.of());
    }

    /**
     * With {@code environment} (e.g. TWILIO_ACCOUNT for live mode) on {@code port}; the TWILIO_* and
     * SPRING_SECURITY_* variables of the test's own environment do not reach it.
     */
    static PackagedSample start(Path database, String logName, int port, Map<String, String> environment) throws IOException {
        Path jar = Path.of(System.getProperty("sample.jar", "target/sample-processes-0.1.0-SNAPSHOT.jar"));
        assertThat(jar).as("the packaged application (run through Maven's verify phase)").exists();
        Path log = Path.of("target", logName + ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(),
                "--server.port=" + port,
                "--spring.datasource.url=jdbc:h2:file:" + database.toAbsolutePath().resolve("sample") + ";DB_CLOSE_ON_EXIT=FALSE",
                "--flowable.process.async.executor.default-timer-job-acquire-wait-time=1s"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("TWILIO_") || name.startsWith("SPRING_SECURITY_"));
        builder.environment().putAll(environment);
        PackagedSample sample = new PackagedSample(builder.start(), port, log);
        sample.awaitHealthy();
        return sample;
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    int port() {
        return port;
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(url(path)));
    }

    HttpResponse<String> get(String path) {
        return send(request(path).GET().build());
    }

    HttpResponse<String> postJson(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(url(path))).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    HttpResponse<String> postForm(String path, String form) {
        return send(HttpRequest.newBuilder(URI.create(url(path))).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    String log() throws IOException {
        return Files.readString(log);
    }

    private void awaitHealthy() {
        await("the application reports UP").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .ignoreExceptions().until(() -> {
                    assertThat(process.isAlive()).as("the application is still running; see %s", log).isTrue();
                    HttpResponse<String> health = get("/actuator/health");
                    return health.statusCode() == 200 && health.body().contains("\"status\":\"UP\"");
                });
    }

    /** Stops it as an operator would (SIGTERM) and waits until it has exited. */
    int stop() throws InterruptedException {
        process.destroy();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the application stops within a minute").isTrue();
        return process.exitValue();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            try {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Sends without cookies and without following redirects. */
    static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

package dev.twilioconnector.sample.cluster;

import dev.twilioconnector.emulator.TwilioEmulator;
import dev.twilioconnector.sample.SampleApplication;
import org.flowable.engine.HistoryService;
import org.flowable.engine.ManagementService;
import org.flowable.engine.ProcessEngineConfiguration;
import org.flowable.engine.RepositoryService;
import org.flowable.engine.RuntimeService;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One node of the test cluster: the sample application as its own Spring Boot application context,
 * on its own port, on the shared PostgreSQL database, talking to the shared Twilio emulator under its own
 * base URL ({@code <emulator>/<node>}, recorded as the requests' prefix, which tells the nodes apart).
 * {@link #arguments} is also what a node in a separate JVM is started with.
 */
final class ClusterNode implements AutoCloseable {

    /** The nodes' login (live mode: the REST API wants one), sent by {@link SeparateJvmNode#postJson}. */
    static final String USER = "cluster";
    static final String PASSWORD = "cluster-test-password-8d41f0";

    final String name;
    final int port;
    private final ConfigurableApplicationContext context;

    private ClusterNode(String name, int port, ConfigurableApplicationContext context) {
        this.name = name;
        this.port = port;
        this.context = context;
    }

    /**
     * The node's settings as command-line arguments: they must outrank the sample's
     * {@code application.properties} (H2, port 8080), which default properties would not.
     */
    static List<String> arguments(String name, int port, String jdbcUrl, TwilioEmulator twilio, Map<String, String> extra) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("server.port", String.valueOf(port));
        settings.put("spring.datasource.url", jdbcUrl);
        settings.put("spring.datasource.username", "postgres");
        settings.put("spring.datasource.password", "");
        settings.put("spring.datasource.hikari.maximum-pool-size", "20");
        settings.put("flowable.database-schema-update", "true");
        settings.put("flowable.async-executor-activate", "true");
        settings.put("flowable.process.async.executor.lock-owner", name);
        settings.put("flowable.process.async.executor.async-job-lock-time", "5s");
        settings.put("flowable.process.async.executor.default-async-job-acquire-wait-time", "200ms");
        settings.put("flowable.process.async.executor.default-timer-job-acquire-wait-time", "200ms");
        settings.put("flowable.process.async.executor.reset-expired-jobs-interval", "1s");
        settings.put("twilio.account", twilio.accountSid());
        settings.put("twilio.token", twilio.authToken());
        settings.put("twilio.api-base-url", twilio.baseUrl(name).toString());
        settings.put("twilio.default-from", twilio.number());
        settings.put("twilio.triggers.location", "classpath:sample-triggers.yml");
        settings.put("spring.security.user.name", USER);
        settings.put("spring.security.user.password", PASSWORD);
        settings.put("twilio.send.initial-backoff", "20ms");
        settings.put("twilio.send.max-backoff", "200ms");
        settings.put("logging.level.root", "WARN");
        settings.put("spring.main.banner-mode", "off");
        settings.putAll(extra);
        List<String> arguments = new ArrayList<>();
        settings.forEach((key, value) -> arguments.add("--" + key + "=" + value));
        return arguments;
    }

    static ClusterNode start(String name, String jdbcUrl, TwilioEmulator twilio) {
        int port = freePort();
        ConfigurableApplicationContext context = new SpringApplicationBuilder(SampleApplication.class)
                .run(arguments(name, port, jdbcUrl, twilio, Map.of()).toArray(String[]::new));
        return new ClusterNode(name, port, context);
    }

    String webhookUrl() {
        return "http://127.0.0.1:" + port + "/twilio/sms";
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    RuntimeService runtime() {
        return context.getBean(RuntimeService.class);
    }

    HistoryService history() {
        return context.getBean(HistoryService.class);
    }

    RepositoryService repository() {
        return context.getBean(RepositoryService.class);
    }

    ManagementService management() {
        return context.getBean(ManagementService.class);
    }

    ProcessEngineConfiguration engineConfiguration() {
        return context.getBean(ProcessEngineConfiguration.class);
    }

    @Override
    public void close() {
        context.close();
    }

    @Override
    public String toString() {
        return name;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.twilioconnector.inbound.e2e;

import dev.twilioconnector.emulator.TwilioEmulator;
import dev.twilioconnector.emulator.TwilioEmulatorExtension;
import dev.twilioconnector.emulator.TwilioForms;
import dev.twilioconnector.emulator.WebhookAnswer;
import dev.twilioconnector.flowable.schema.PluginTables;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flowable.engine.HistoryService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The engine's database (a real PostgreSQL) stops for a while under a trickle of signed webhooks and
 * comes back; then Twilio delivers every message again. Every webhook call is answered within
 * {@code twilio.webhook.answer-within}, every message is published exactly once, and none is recorded
 * as answered without having been published. Twilio is the emulator, started by its extension before the
 * application, which finds it through the system properties the extension sets.
 */
class DatabaseOutageTest {

    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(3);
    private static final Duration OUTAGE = Duration.ofSeconds(8);
    @RegisterExtension
    static final TwilioEmulatorExtension TWILIO = new TwilioEmulatorExtension();
    private static final Path DATA = tempDirectory();
    private static final int PORT = freePort();
    private static EmbeddedPostgres postgres;
    /** Started by the test itself, not by Spring's test support: it must close before its database does. */
    private static ConfigurableApplicationContext application;
    private static int port;
    private static HistoryService history;
    private static DataSource dataSource;

    private final TwilioEmulator twilio = TWILIO.emulator();

    @BeforeAll
    static void start() {
        postgres = startPostgres();
        application = new SpringApplicationBuilder(InboundTestApplication.class).properties(
                "server.port=0",
                "spring.datasource.url=jdbc:postgresql://localhost:" + PORT + "/postgres",
                "spring.datasource.username=postgres",
                "spring.datasource.password=postgres",
                "flowable.database-schema-update=true",
                "flowable.async-executor-activate=false",
                "twilio.triggers.location=classpath:e2e-triggers.yml",
                "twilio.webhook.answer-within=" + ANSWER_WITHIN.toSeconds() + "s").run();
        port = Integer.parseInt(application.getEnvironment().getRequiredProperty("local.server.port"));
        history = application.getBean(HistoryService.class);
        dataSource = application.getBean(DataSource.class);
    }

    @AfterAll
    static void stop() throws IOException {
        application.close();
        postgres.close();
    }

    @Test
    void messagesAroundAnOutageArePublishedExactlyOnceAfterTwiliosRedelivery() throws Exception {
        List<Map<String, String>> sent = new ArrayList<>();
        ConcurrentLinkedQueue<Duration> answerTimes = new ConcurrentLinkedQueue<>();
        AtomicInteger numbers = new AtomicInteger();
        AtomicInteger unanswered = new AtomicInteger();
        AtomicBoolean trickling = new AtomicBoolean(true);
        ExecutorService clients = Executors.newFixedThreadPool(2);
        List<CompletableFuture<Void>> trickle = new ArrayList<>();
        for (int client = 0; client < 2; client++) {
            trickle.add(CompletableFuture.runAsync(() -> {
                while (trickling.get()) {
                    Map<String, String> message = message(numbers.incrementAndGet());
                    synchronized (sent) {
                        sent.add(message);
                    }
                    long start = System.nanoTime();
                    WebhookAnswer response = deliver(message);
                    answerTimes.add(Duration.ofNanos(System.nanoTime() - start));
                    if (!response.body().contains("Your reference number is")) {
                        unanswered.incrementAndGet();
                    }
                    pause(Duration.ofMillis(100));
                }
            }, clients));
        }

        pause(Duration.ofSeconds(2));
        postgres.close();
        pause(OUTAGE);
        postgres = startPostgres();
        pause(Duration.ofSeconds(2));
        trickling.set(false);
        CompletableFuture.allOf(trickle.toArray(CompletableFuture[]::new)).join();
        clients.shutdown();

        Set<String> answeredBeforeRedelivery = answeredSids();
        for (String sid : answeredBeforeRedelivery) {
            assertThat(history.createHistoricProcessInstanceQuery().processDefinitionKey("orderStatus")
                    .variableValueEquals("originalMessage", bodyOf(sent, sid)).count())
                    .as("%s is recorded as answered, so it was published", sid).isEqualTo(1);
        }
        for (Map<String, String> message : sent) {
            long start = System.nanoTime();
            deliver(message);
            answerTimes.add(Duration.ofNanos(System.nanoTime() - start));
        }

        assertThat(sent).hasSizeGreaterThan(20);
        assertThat(unanswered).as("deliveries the outage left without their echo").hasPositiveValue();
        assertThat(answerTimes).as("every delivery answered within the bound, during the outage too")
                .allSatisfy(took -> assertThat(took).isLessThan(ANSWER_WITHIN.plusSeconds(1)));
        await("every message published").atMost(Duration.ofSeconds(90))
                .until(() -> history.createHistoricProcessInstanceQuery().processDefinitionKey("orderStatus").count() >= sent.size());
        for (Map<String, String> message : sent) {
            assertThat(history.createHistoricProcessInstanceQuery().processDefinitionKey("orderStatus")
                    .variableValueEquals("originalMessage", message.get("Body")).count())
                    .as("instances started by %s", message.get("MessageSid")).isEqualTo(1);
        }
        assertThat(history.createHistoricProcessInstanceQuery().processDefinitionKey("orderStatus").count()).isEqualTo(sent.size());
        assertThat(answeredBeforeRedelivery).as("the outage left some messages to the redelivery").hasSizeLessThan(sent.size());
    }

    private static String bodyOf(List<Map<String, String>> sent, String sid) {
        return sent.stream().filter(message -> sid.equals(message.get("MessageSid"))).findFirst().orElseThrow().get("Body");
    }

    private WebhookAnswer deliver(Map<String, String> message) {
        WebhookAnswer response = twilio.webhooks().post("http://localhost:" + port + "/twilio/sms", message);
        assertThat(response.status()).isEqualTo(200);
        return response;
    }

    private Set<String> answeredSids() throws Exception {
        Set<String> sids = new HashSet<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT MESSAGE_SID_ FROM " + PluginTables.INBOUND_MESSAGE
                     + " WHERE STATE_ = 'ANSWERED'")) {
            while (rows.next()) {
                sids.add(rows.getString(1));
            }
        }
        return sids;
    }

    private Map<String, String> message(int number) {
        return TwilioForms.incomingMessage(twilio.accountSid(), "SM%032d".formatted(number), EndToEndTest.ADA, twilio.number(),
                "Order Number " + number, List.of());
    }

    /** On the same port and data folder each time: the application's pool reconnects as to a restarted server. */
    private static EmbeddedPostgres startPostgres() {
        try {
            return EmbeddedPostgres.builder().setPort(PORT).setDataDirectory(DATA).setCleanDataDirectory(false).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path tempDirectory() {
        try {
            return Files.createTempDirectory("twilio-outage-pg");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

package dev.twilioconnector.flowable.boot;

import dev.twilioconnector.core.TwilioConnector;
import dev.twilioconnector.flowable.CapturedLogs;
import dev.twilioconnector.emulator.Account;
import dev.twilioconnector.emulator.Fault;
import dev.twilioconnector.emulator.TwilioEmulator;
import dev.twilioconnector.emulator.TwilioEmulatorExtension;
import dev.twilioconnector.flowable.SentMessage;
import org.flowable.engine.HistoryService;
import org.flowable.engine.RuntimeService;
import org.flowable.variable.api.history.HistoricVariableInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole Spring Boot story: the dependency and {@code twilio.*} settings are all an application
 * needs. It authenticates with an API key here, so both secrets (token and API secret) are configured
 * and neither may show up in any log line or process variable.
 */
@SpringBootTest(classes = BootTestApplication.class, properties = {
        "spring.datasource.url=jdbc:h2:mem:twilio-boot;DB_CLOSE_DELAY=-1",
        "flowable.database-schema-update=true",
        "flowable.async-executor-activate=false",
        "twilio.default-from=+15005550006",
        "twilio.send.initial-backoff=10ms",
        "twilio.http.read-timeout=1500ms",
        "logging.level.dev.twilioconnector=DEBUG",
        "logging.level.com.twilio=DEBUG",
        "logging.level.org.flowable=DEBUG",
        "logging.level.org.springframework.boot=DEBUG"})
class SpringBootSendSmsTest {

    static final String ACCOUNT = "AC00000000000000000000000000000001";
    static final String TOKEN = "tok-3f9c2e7a1b5d4c8e9f0a6b2c7d1e5f3a";
    static final String API_KEY = "SK00000000000000000000000000000042";
    static final String API_SECRET = "sec-9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a";

    /** An emulator of this class's own, which knows the API key; the application's properties name it (below). */
    @RegisterExtension
    static final TwilioEmulatorExtension EMULATOR = new TwilioEmulatorExtension(
            TwilioEmulator.builder().account(Account.of(ACCOUNT, TOKEN).withApiKey(API_KEY, API_SECRET))).withoutSystemProperties();

    @Autowired
    RuntimeService runtime;
    @Autowired
    HistoryService history;
    @Autowired
    TwilioConnector connector;
    @Autowired
    org.flowable.spring.SpringProcessEngineConfiguration engineConfiguration;

    @DynamicPropertySource
    static void twilio(DynamicPropertyRegistry registry) {
        registry.add("twilio.account", () -> ACCOUNT);
        registry.add("twilio.token", () -> TOKEN);
        registry.add("twilio.api-key", () -> API_KEY);
        registry.add("twilio.api-secret", () -> API_SECRET);
        registry.add("twilio.api-base-url", () -> EMULATOR.emulator().baseUrl().toString());
    }

    @Test
    void runsAnAutoDeployedSendSmsProcessWithTheConfiguredApiKey() {
        String pid = runtime.startProcessInstanceByKey("welcome",
                Map.of("phone", "+15551230001", "member", Map.of("firstName", "Grace"))).getId();

        Map<String, Object> variables = variables(pid);
        assertThat(variables).containsEntry("twilioError", null);
        assertThat((String) variables.get("twilioResult")).startsWith("[{\"to\":\"+15551230001\",\"sid\":\"SM");
        assertThat(SentMessage.in(EMULATOR.emulator())).containsExactly(new SentMessage("+15551230001", "+15005550006", null, "Welcome aboard, Grace!",
                "Basic " + Base64.getEncoder().encodeToString((API_KEY + ":" + API_SECRET).getBytes(StandardCharsets.UTF_8))));
        assertThat(connector.settings().credentials()).get().matches(credentials -> credentials.usesApiKey());
    }

    @Test
    void runsTheConfiguratorOnceAndInstallsTheActionsOnce() {
        assertThat(engineConfiguration.getAllConfigurators())
                .filteredOn(dev.twilioconnector.flowable.TwilioConnectorConfigurator.class::isInstance).hasSize(1);
        assertThat(engineConfiguration.getCustomDefaultBpmnParseHandlers())
                .filteredOn(dev.twilioconnector.flowable.bpmn.TwilioServiceTaskParseHandler.class::isInstance).hasSize(1);
        assertThat(engineConfiguration.getCustomServiceTaskValidator())
                .isInstanceOf(dev.twilioconnector.flowable.bpmn.TwilioServiceTaskValidator.class);
    }

    @Test
    void keepsBothSecretsOutOfEveryLogLineAndVariable() {
        runtime.startProcessInstanceByKey("welcome", Map.of("phone", "+15551230001", "member", Map.of("firstName", "Ada")));
        EMULATOR.emulator().failNext(1, Fault.unauthorized());
        String failed = runtime.startProcessInstanceByKey("welcome", Map.of("phone", "+15551230002", "member", Map.of("firstName", "Bob"))).getId();
        // Twilio answers only after the task has given up at its read timeout (1500 ms).
        CompletableFuture<Void> release = new CompletableFuture<>();
        EMULATOR.emulator().failNext(1, Fault.holdUntil(release));
        String slow = runtime.startProcessInstanceByKey("welcome", Map.of("phone", "+15551230003", "member", Map.of("firstName", "Cy"))).getId();
        release.complete(null);

        List<String> secrets = List.of(TOKEN, API_SECRET,
                Base64.getEncoder().encodeToString((API_KEY + ":" + API_SECRET).getBytes(StandardCharsets.UTF_8)),
                Base64.getEncoder().encodeToString((ACCOUNT + ":" + TOKEN).getBytes(StandardCharsets.UTF_8)));
        List<String> logged = CapturedLogs.lines();
        assertThat(logged).as("the test saw the connector's debug output").anyMatch(line -> line.contains("Twilio accepted message"));
        assertThat(logged).as("the connector's settings were logged at start-up").anyMatch(line -> line.contains("Twilio connector active"));
        String allVariables = history.createHistoricVariableInstanceQuery().list().stream()
                .map(variable -> String.valueOf(variable.getValue())).collect(Collectors.joining("\n"));
        assertThat(variables(failed).get("twilioError")).asString().contains("20003");
        assertThat(variables(slow).get("twilioError")).asString().contains("did not answer");
        for (String secret : secrets) {
            assertThat(logged).noneMatch(line -> line.contains(secret));
            assertThat(allVariables).doesNotContain(secret);
        }
    }

    private Map<String, Object> variables(String pid) {
        assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(pid).finished().count()).isEqualTo(1);
        Map<String, Object> variables = new java.util.HashMap<>();
        for (HistoricVariableInstance variable : history.createHistoricVariableInstanceQuery().processInstanceId(pid).list()) {
            variables.put(variable.getVariableName(), variable.getValue());
        }
        return variables;
    }
}

package dev.twilioconnector.flowable;

import dev.twilioconnector.core.settings.Setting;
import dev.twilioconnector.core.settings.TwilioSettings;
import dev.twilioconnector.emulator.TwilioEmulator;
import dev.twilioconnector.emulator.TwilioEmulatorExtension;
import org.flowable.engine.ProcessEngine;
import org.flowable.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

import static dev.twilioconnector.flowable.ProcessOutputs.basicAuth;
import static dev.twilioconnector.flowable.ProcessOutputs.ofEnded;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A plain engine (no Spring) with the configurator added as the README shows: it reads its settings from
 * system properties (or the environment), runs once, and nothing is discovered behind the application's back.
 * The emulator's extension sets the account, the token and the API base URL as system properties, as it does
 * for users' tests; the test adds the default sender.
 */
class PlainEngineTest {

    @RegisterExtension
    static final TwilioEmulatorExtension EMULATOR = new TwilioEmulatorExtension();

    private final TwilioEmulator twilio = EMULATOR.emulator();
    private ProcessEngine engine;

    @BeforeEach
    void configureTheSenderThroughASystemProperty() {
        System.setProperty(Setting.DEFAULT_FROM.property(), "+15005550006");
    }

    @AfterEach
    void closeEngine() {
        System.clearProperty(Setting.DEFAULT_FROM.property());
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void sendsWithTheSystemSettingsThroughTheOneConfiguratorAdded() {
        StandaloneInMemProcessEngineConfiguration configuration = new StandaloneInMemProcessEngineConfiguration();
        configuration.setJdbcUrl("jdbc:h2:mem:twilio-plain;DB_CLOSE_DELAY=-1");
        configuration.setAsyncExecutorActivate(false);
        configuration.addConfigurator(new TwilioConnectorConfigurator(TwilioSettings.fromSystem()));
        engine = configuration.buildProcessEngine();
        assertThat(configuration.getAllConfigurators()).filteredOn(TwilioConnectorConfigurator.class::isInstance).hasSize(1);
        engine.getRepositoryService().createDeployment()
                .addClasspathResource("dev/twilioconnector/flowable/sendSmsFromVariables.bpmn20.xml").deploy();

        String pid = engine.getRuntimeService().startProcessInstanceByKey("sendSmsFromVariables",
                Map.of("smsTo", "+15551230001", "smsBody", "Found you")).getId();

        assertThat(ofEnded(engine.getHistoryService(), pid)).containsEntry("twilioError", null);
        assertThat(System.getProperty(Setting.API_BASE_URL.property())).isEqualTo(twilio.baseUrl().toString());
        assertThat(SentMessage.in(twilio)).containsExactly(new SentMessage("+15551230001", "+15005550006", null, "Found you",
                basicAuth(twilio.accountSid(), twilio.authToken())));
    }

    @Test
    void aPlainEngineWithoutTheConfiguratorHasNoTwilioActions() {
        StandaloneInMemProcessEngineConfiguration configuration = new StandaloneInMemProcessEngineConfiguration();
        configuration.setJdbcUrl("jdbc:h2:mem:twilio-none;DB_CLOSE_DELAY=-1");
        configuration.setAsyncExecutorActivate(false);
        engine = configuration.buildProcessEngine();

        assertThat(configuration.getAllConfigurators()).noneMatch(TwilioConnectorConfigurator.class::isInstance);
        assertThat(configuration.getCustomServiceTaskValidator()).isNull();
    }
}

package dev.twilioconnector.flowable;

import dev.twilioconnector.core.settings.Setting;
import dev.twilioconnector.core.settings.TwilioSettings;
import dev.twilioconnector.flowable.FakeTwilio.SentMessage;
import org.flowable.engine.ProcessEngine;
import org.flowable.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.twilioconnector.flowable.ProcessOutputs.basicAuth;
import static dev.twilioconnector.flowable.ProcessOutputs.ofEnded;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A plain engine (no Spring) with the configurator added as the README shows: it reads its settings from
 * system properties (or the environment), runs once, and nothing is discovered behind the application's back.
 */
class PlainEngineTest {

    private final FakeTwilio twilio = FakeTwilio.shared();
    private ProcessEngine engine;

    @BeforeEach
    void configureThroughSystemProperties() {
        twilio.reset();
        System.setProperty(Setting.ACCOUNT.property(), FakeTwilio.ACCOUNT);
        System.setProperty(Setting.TOKEN.property(), FakeTwilio.TOKEN);
        System.setProperty(Setting.API_BASE_URL.property(), twilio.baseUrl());
        System.setProperty(Setting.DEFAULT_FROM.property(), "+15005550006");
    }

    @AfterEach
    void closeEngine() {
        for (Setting setting : Setting.values()) {
            System.clearProperty(setting.property());
        }
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
        assertThat(twilio.sent()).containsExactly(new SentMessage("+15551230001", "+15005550006", null, "Found you",
                basicAuth(FakeTwilio.ACCOUNT, FakeTwilio.TOKEN)));
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

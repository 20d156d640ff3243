package dev.twilioconnector.flowable;

import dev.twilioconnector.emulator.TwilioEmulator;
import dev.twilioconnector.emulator.TwilioEmulatorExtension;
import org.flowable.engine.HistoryService;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.test.FlowableTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

/**
 * What the plugin's engine tests share: the engine of {@code flowable.cfg.xml} (or of the test's
 * {@code @ConfigurationResource}), its runtime and history services, and the JVM's shared Twilio emulator
 * that engine sends to, reset before each test.
 */
@FlowableTest
public abstract class EngineTestBase {

    /** The engines' settings name the emulator themselves ({@link EngineSettings}): no system property is needed. */
    @RegisterExtension
    static final TwilioEmulatorExtension EMULATOR = new TwilioEmulatorExtension().withoutSystemProperties();

    protected final TwilioEmulator twilio = TwilioEmulatorExtension.sharedEmulator();
    protected RuntimeService runtime;
    protected HistoryService history;

    @BeforeEach
    void engineServices(RuntimeService runtime, HistoryService history) {
        this.runtime = runtime;
        this.history = history;
    }

    /** The requests to send a message that reached Twilio, oldest first. */
    protected List<SentMessage> sent() {
        return SentMessage.in(twilio);
    }

    /** The {@code Authorization} header of the engines' requests: the emulator's account and token. */
    protected String authorization() {
        return ProcessOutputs.basicAuth(twilio.accountSid(), twilio.authToken());
    }
}

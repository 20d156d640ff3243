package dev.twilioconnector.emulator;

import com.twilio.http.TwilioRestClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A test class with an emulator of its own, reset before each test, and the Twilio SDK aimed at it:
 * the way the emulator's tests use their own extension.
 */
abstract class EmulatedTwilioTest {

    @RegisterExtension
    static final TwilioEmulatorExtension EMULATOR = new TwilioEmulatorExtension(TwilioEmulator.builder()).withoutSystemProperties();

    TwilioEmulator twilio;
    TwilioRestClient client;

    @BeforeEach
    void connect(TwilioEmulator emulator) {
        twilio = emulator;
        client = SdkClients.of(emulator);
    }

    /** Basic authentication as the emulator's account, with its token. */
    String authorization() {
        return RawHttp.basic(twilio.accountSid(), twilio.authToken());
    }
}

package dev.twilioconnector.benchmarks;

import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.type.PhoneNumber;
import dev.twilioconnector.core.http.TwilioClients;
import dev.twilioconnector.core.http.TwilioTransport;
import dev.twilioconnector.core.settings.TwilioSettings;

/**
 * The naive way: {@code Message.creator(...).create(client)} for one recipient after the other, on the
 * same HTTP transport the connector uses (so only the concurrency differs).
 */
public final class SdkLoop implements AutoCloseable {

    private final TwilioClients clients;
    private final TwilioRestClient client;

    public SdkLoop(TwilioSettings settings) {
        this.clients = new TwilioClients(TwilioTransport.create(settings));
        this.client = clients.forCredentials(settings.credentials().orElseThrow());
    }

    /** Sends to {@code count} numbers starting at {@code firstNumber}, one by one; the wall time in nanoseconds. */
    public long send(long firstNumber, int count) {
        long started = System.nanoTime();
        for (int i = 0; i < count; i++) {
            Message message = Message.creator(new PhoneNumber(Phones.number(firstNumber + i)), new PhoneNumber(FakeTwilio.FROM),
                    "Hi, the store opens at 9:00.").create(client);
            if (message.getSid() == null) {
                throw new IllegalStateException("the fake answered without a SID");
            }
        }
        return System.nanoTime() - started;
    }

    @Override
    public void close() {
        clients.close();
    }
}

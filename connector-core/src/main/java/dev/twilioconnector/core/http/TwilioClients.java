package dev.twilioconnector.core.http;

import com.twilio.http.TwilioRestClient;
import dev.twilioconnector.core.settings.Credentials;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * One {@link TwilioRestClient} per credential set, all sharing one {@link TwilioTransport} (and so one
 * connection pool). The SDK's global {@code Twilio.init} is never used: it would make every caller in
 * the JVM share one account.
 */
public final class TwilioClients implements AutoCloseable {

    private final TwilioTransport transport;
    private final ConcurrentMap<Credentials, TwilioRestClient> clients = new ConcurrentHashMap<>();

    public TwilioClients(TwilioTransport transport) {
        this.transport = transport;
    }

    public TwilioRestClient forCredentials(Credentials credentials) {
        return clients.computeIfAbsent(credentials, key -> new TwilioRestClient.Builder(key.username(), key.secret())
                .accountSid(key.accountSid())
                .httpClient(transport)
                .build());
    }

    public TwilioTransport transport() {
        return transport;
    }

    @Override
    public void close() {
        clients.clear();
        transport.close();
    }
}

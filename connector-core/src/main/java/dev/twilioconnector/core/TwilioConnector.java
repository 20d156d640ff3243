package dev.twilioconnector.core;

import dev.twilioconnector.core.http.TwilioClients;
import dev.twilioconnector.core.http.TwilioTransport;
import dev.twilioconnector.core.settings.TwilioSettings;
import dev.twilioconnector.core.sms.MessageLookup;
import dev.twilioconnector.core.sms.SmsSender;
import dev.twilioconnector.core.verify.Verifications;
import dev.twilioconnector.core.template.SmsTemplates;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Everything the connector needs to talk to Twilio, built once from {@link TwilioSettings}: the HTTP
 * transport and its pool, a client per credential set, the template cache and the threads that send
 * concurrently. Close it to release them.
 */
public final class TwilioConnector implements AutoCloseable {

    private final TwilioSettings settings;
    private final TwilioClients clients;
    private final ExecutorService requests;
    private final SmsTemplates templates;
    private final SmsSender sms;
    private final MessageLookup messages;
    private final Verifications verifications;

    private TwilioConnector(TwilioSettings settings, SendMetrics metrics) {
        this.settings = settings;
        this.clients = new TwilioClients(TwilioTransport.create(settings, metrics));
        this.requests = Executors.newFixedThreadPool(settings.parallelism(), new RequestThreads());
        this.templates = new SmsTemplates(settings.renderTimeout());
        this.sms = new SmsSender(settings, clients, templates, requests, metrics);
        this.messages = new MessageLookup(settings, clients);
        this.verifications = new Verifications(settings, clients);
    }

    public static TwilioConnector create(TwilioSettings settings) {
        return create(settings, SendMetrics.NONE);
    }

    public static TwilioConnector create(TwilioSettings settings, SendMetrics metrics) {
        return new TwilioConnector(settings, metrics);
    }

    public TwilioSettings settings() {
        return settings;
    }

    public SmsSender sms() {
        return sms;
    }

    /**
     * The template compiler and cache SEND_SMS uses, with the configured render timeout
     * ({@code twilio.templates.render-timeout}); for any other template the application renders.
     */
    public SmsTemplates templates() {
        return templates;
    }

    /** One-time passcodes through Twilio Verify. */
    public Verifications verifications() {
        return verifications;
    }

    /** Reading messages back: one by SID, or a filtered list. */
    public MessageLookup messages() {
        return messages;
    }

    /** How many Twilio requests were repeated (after 429 or a refused connection) since start. */
    public long retries() {
        return clients.transport().retries();
    }

    @Override
    public void close() {
        requests.shutdown();
        try {
            if (!requests.awaitTermination(settings.readTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS)) {
                requests.shutdownNow();
            }
        } catch (InterruptedException e) {
            requests.shutdownNow();
            Thread.currentThread().interrupt();
        }
        clients.close();
    }

    private static final class RequestThreads implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "twilio-request-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}

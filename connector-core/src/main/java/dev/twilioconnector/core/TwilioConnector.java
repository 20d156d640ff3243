package dev.twilioconnector.core;

import dev.twilioconnector.core.http.TwilioClients;
import dev.twilioconnector.core.http.TwilioTransport;
import dev.twilioconnector.core.settings.Credentials;
import dev.twilioconnector.core.settings.TwilioSettings;
import dev.twilioconnector.core.sms.DeliveryJournal;
import dev.twilioconnector.core.sms.FetchMessage;
import dev.twilioconnector.core.sms.ListMessages;
import dev.twilioconnector.core.sms.MessageLookup;
import dev.twilioconnector.core.sms.MessageRecord;
import dev.twilioconnector.core.sms.SendOutcome;
import dev.twilioconnector.core.sms.SendSms;
import dev.twilioconnector.core.sms.SmsSender;
import dev.twilioconnector.core.template.SmsTemplates;
import dev.twilioconnector.core.verify.CheckVerification;
import dev.twilioconnector.core.verify.CodeCheck;
import dev.twilioconnector.core.verify.StartVerification;
import dev.twilioconnector.core.verify.Verification;
import dev.twilioconnector.core.verify.Verifications;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Everything the connector needs to talk to Twilio, built once from {@link TwilioSettings}: the HTTP
 * transport and its pool, a client per credential set, the template cache and the threads that send
 * concurrently. Close it to release them.
 *
 * <p>As the {@link TwilioClient} it is the one door to Twilio: every request passes the credential check
 * and its own {@link TwilioRequest#problem check} here, before the action that makes the requests.
 */
public final class TwilioConnector implements TwilioClient, AutoCloseable {

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
        TwilioCalls calls = new TwilioCalls(settings, clients);
        this.messages = new MessageLookup(calls);
        this.verifications = new Verifications(calls);
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

    /**
     * The template compiler and cache sending uses, with the configured render timeout
     * ({@code twilio.templates.render-timeout}); for any other template the application renders.
     */
    public SmsTemplates templates() {
        return templates;
    }

    /** The request with the configured sender and status callback where it names none: see {@link SendSms#withDefaults}. */
    @Override
    public SendOutcome send(SendSms request, DeliveryJournal journal) {
        SendSms completed = request.withDefaults(settings.defaultFrom(), settings.messagingServiceSid(), settings.statusCallbackUrl());
        return checked(completed, SendOutcome::refused, credentials -> sms.send(completed, credentials, journal));
    }

    /** Checked as {@link #send} checks, but for credentials: nothing goes to Twilio. */
    @Override
    public Answer<String> compose(SendSms request) {
        SendSms completed = request.withDefaults(settings.defaultFrom(), settings.messagingServiceSid(), settings.statusCallbackUrl());
        return completed.problem(Instant.now()).map(Answer::<String>failed).orElseGet(() -> sms.compose(completed));
    }

    @Override
    public Answer<MessageRecord> fetch(FetchMessage request) {
        return checked(request, Answer::failed, credentials -> messages.fetch(request, credentials));
    }

    @Override
    public Answer<List<MessageRecord>> list(ListMessages request) {
        return checked(request, Answer::failed, credentials -> messages.list(request, credentials));
    }

    @Override
    public Answer<Verification> start(StartVerification request) {
        return checked(request, Answer::failed, credentials -> verifications.start(request, credentials));
    }

    @Override
    public Answer<CodeCheck> check(CheckVerification request) {
        return checked(request, Answer::failed, credentials -> verifications.check(request, credentials));
    }

    /** Runs {@code action} only with credentials and for a request without problems; else {@code refused}. */
    private <T> T checked(TwilioRequest request, Function<TwilioProblem, T> refused, Function<Credentials, T> action) {
        Optional<Credentials> credentials = settings.credentials();
        if (credentials.isEmpty()) {
            return refused.apply(Refusal.CREDENTIALS.problem(settings.credentialsProblem().orElseThrow()));
        }
        return request.problem(Instant.now()).map(refused).orElseGet(() -> action.apply(credentials.get()));
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

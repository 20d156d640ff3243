package dev.twilioconnector.emulator;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What the connector uses of Twilio, on a loopback port: the Messages API (create, fetch, list with
 * paging, Twilio's JSON and error codes), Verify, status callbacks signed as Twilio signs them, and
 * phones that text the application's webhook. A test points the connector at {@link #baseUrl()} with
 * {@link #accountSid()} and {@link #authToken()}, then asserts on {@link #messages()} and
 * {@link #requests()}, and can make it misbehave: {@link #fail faults}, {@link #latency latency},
 * {@link #throttleAbove throttling}, {@link #deliverTo undelivered messages}.
 *
 * <p>{@link #start()} starts one with a fresh random account; {@link #builder()} configures one. Nothing
 * it does is logged, and no secret appears in any {@code toString()}.
 */
public final class TwilioEmulator implements AutoCloseable {

    /** Where the application takes incoming messages, and the URL it checks their signature over. */
    record IncomingWebhook(String url, String signedUrl) {
    }

    private final Clock clock;
    private final Accounts accounts = new Accounts();
    private final Messages messages;
    private final RequestJournal journal;
    private final FaultRules faults = new FaultRules();
    private final Counts counts;
    private final Conditions conditions;
    private final OptOuts optOuts;
    private final StatusReporter reporter;
    private final VerifyApi verifyApi;
    private final TwilioApi api;
    private final EmulatorServer server;
    private volatile IncomingWebhook incomingWebhook;

    private TwilioEmulator(Builder builder, boolean serve) {
        clock = builder.clock;
        builder.accounts.forEach(accounts::add);
        messages = new Messages(builder.messageCapacity);
        journal = new RequestJournal(builder.requestCapacity);
        counts = new Counts(builder.countPerRecipient);
        conditions = new Conditions(builder.latency, builder.throttle);
        optOuts = new OptOuts(builder.optOutKeywords);
        reporter = new StatusReporter(messages, accounts, clock, builder.automaticStatusReports ? builder.statusReportStep : null);
        verifyApi = new VerifyApi(clock);
        MessagesApi messagesApi = new MessagesApi(messages, counts, optOuts, reporter, clock);
        api = new TwilioApi(accounts, messagesApi, verifyApi, faults, journal, counts, conditions, clock);
        server = serve ? new EmulatorServer(api, builder.port, builder.threads) : null;
    }

    /** Starts an emulator with a fresh random account on a free loopback port. */
    public static TwilioEmulator start() {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    // ---- where it is and who may use it

    /** What to hand the connector as {@code twilio.api-base-url}: {@code http://127.0.0.1:<port>}. */
    public URI baseUrl() {
        return server().baseUrl();
    }

    /**
     * {@link #baseUrl()} with a path prefix, e.g. {@code baseUrl("node-a")}: requests through it are
     * recorded with {@link RecordedRequest#prefix()} {@code /node-a}, which tells apart the callers.
     */
    public URI baseUrl(String prefix) {
        String trimmed = prefix.replaceAll("^/+|/+$", "");
        return URI.create(server().baseUrl() + (trimmed.isEmpty() ? "" : "/" + trimmed));
    }

    public int port() {
        return server().port();
    }

    /** The first account, which phones text and {@link #accountSid()} and {@link #authToken()} name. */
    public Account account() {
        return accounts.first();
    }

    public String accountSid() {
        return account().sid();
    }

    public String authToken() {
        return account().authToken();
    }

    /** The first account's phone number: the default sender and the number phones text. */
    public String number() {
        return account().number();
    }

    public List<Account> accounts() {
        return accounts.all();
    }

    /** Adds an account (or replaces the one with the same SID). Accounts stay across {@link #reset()}. */
    public void addAccount(Account account) {
        accounts.add(Objects.requireNonNull(account, "account"));
    }

    /** The API itself, for serving it under another web server than the emulator's own. */
    public TwilioApi api() {
        return api;
    }

    // ---- what happened

    public Messages messages() {
        return messages;
    }

    /** Puts a message in as it is (one with the same SID is replaced): history for tests of fetching and listing. */
    public void addMessage(Message message) {
        messages.add(Objects.requireNonNull(message, "message"));
    }

    /** The requests received, oldest first (the newest {@link Builder#requestCapacity(int)} of them). */
    public List<RecordedRequest> requests() {
        return journal.all();
    }

    /** The requests received that {@code which} accepts, oldest first. */
    public List<RecordedRequest> requests(Predicate<RecordedRequest> which) {
        List<RecordedRequest> selected = new ArrayList<>();
        for (RecordedRequest request : journal.all()) {
            if (which.test(request)) {
                selected.add(request);
            }
        }
        return selected;
    }

    public Counts counts() {
        return counts;
    }

    /** The status reports posted so far, oldest first. */
    public List<StatusReport> statusReports() {
        return reporter.posted();
    }

    /** The code of the newest pending Verify verification for {@code to} (a number or an e-mail address). */
    public Optional<String> verificationCode(String to) {
        return verifyApi.codeFor(to);
    }

    // ---- making it misbehave

    /** Answers every request with {@code fault} from now on (until {@link #clearFaults()} or {@link #reset()}). */
    public void fail(Fault fault) {
        fail(fault, RequestMatch.any());
    }

    /** Answers every request that {@code which} accepts with {@code fault} from now on. */
    public void fail(Fault fault, RequestMatch which) {
        faults.add(Objects.requireNonNull(which, "which"), Objects.requireNonNull(fault, "fault"), -1);
    }

    /** Answers the next {@code times} requests with {@code fault}, then as before. */
    public void failNext(int times, Fault fault) {
        failNext(times, fault, RequestMatch.any());
    }

    /** Answers the next {@code times} requests that {@code which} accepts with {@code fault}, then as before. */
    public void failNext(int times, Fault fault, RequestMatch which) {
        if (times < 1) {
            throw new IllegalArgumentException("times must be at least 1, was " + times);
        }
        faults.add(Objects.requireNonNull(which, "which"), Objects.requireNonNull(fault, "fault"), times);
    }

    public void clearFaults() {
        faults.clear();
    }

    /** How late every answer comes ({@link Duration#ZERO}: at once); faults' delays come on top. */
    public void latency(Duration latency) {
        conditions.latency(latency);
    }

    /**
     * Answers 429 with Twilio's code 20429 and {@code Retry-After: 1} to any request that arrives while
     * {@code limit} are in flight already, as Twilio does above an account's concurrency; 0: no limit.
     */
    public void throttleAbove(int limit) {
        throttleAbove(limit, 1);
    }

    /** Like {@link #throttleAbove(int)}, with {@code Retry-After} seconds of choice. */
    public void throttleAbove(int limit, int retryAfterSeconds) {
        conditions.throttle(new Conditions.Throttle(limit, retryAfterSeconds));
    }

    // ---- status reports

    /** What becomes of messages to {@code recipient}: e.g. {@code Delivery.undelivered(Delivery.UNREACHABLE)}. */
    public void deliverTo(String recipient, Delivery delivery) {
        reporter.deliverTo(Objects.requireNonNull(recipient, "recipient"), delivery);
    }

    /** What becomes of messages to recipients {@link #deliverTo} names none for; by default they are delivered. */
    public void deliveryRule(Function<String, Delivery> rule) {
        reporter.deliveryRule(rule);
    }

    /**
     * How long after its acceptance a message is reported {@code sent}, and how long after that its final
     * status; {@code null}: no reports unless {@link #reportStatus} asks for one.
     */
    public void statusReportStep(Duration step) {
        reporter.step(step == null ? null : Conditions.requireNotNegative(step));
    }

    /** Posts a status report of a message to its status callback now, and answers how it went. */
    public StatusReport reportStatus(String messageSid, String status, Integer errorCode) {
        return reporter.reportNow(messageSid, status, errorCode);
    }

    // ---- phones and webhooks

    /** Where the application takes incoming messages (Twilio's "A message comes in" webhook); signed over this URL. */
    public void incomingWebhook(String url) {
        incomingWebhook(url, url);
    }

    /**
     * Where the application takes incoming messages, and the URL signatures are made over: the public URL
     * the application checks them against ({@code twilio.webhook.public-url} plus the path), when it differs.
     */
    public void incomingWebhook(String url, String signedUrl) {
        incomingWebhook = new IncomingWebhook(Objects.requireNonNull(url, "url"), Objects.requireNonNull(signedUrl, "signedUrl"));
    }

    /** A person's phone with this number, to text the application from. */
    public Phone phone(String number) {
        return new Phone(this, number);
    }

    /** Posts webhooks signed with the first account's token, for hand-made incoming messages and reports. */
    public WebhookSender webhooks() {
        return new WebhookSender(authToken());
    }

    // ---- between tests, and at the end

    /**
     * Forgets what happened (messages, requests, status reports, verification codes, opt-outs, counts),
     * drops status reports still due, and takes back faults, latency, throttling, deliveries and the
     * report step to how the emulator was built. Accounts and the incoming webhook stay.
     */
    public void reset() {
        reporter.forgetAll();
        faults.clear();
        conditions.restore();
        messages.clear();
        journal.clear();
        verifyApi.clear();
        optOuts.clear();
        counts.reset();
    }

    @Override
    public void close() {
        reporter.close();
        if (server != null) {
            server.close();
        }
    }

    @Override
    public String toString() {
        return "TwilioEmulator[" + (server == null ? "not serving" : baseUrl()) + ", " + accounts.all() + ", " + messages + "]";
    }

    // ---- for the package

    Clock clock() {
        return clock;
    }

    OptOuts optOuts() {
        return optOuts;
    }

    IncomingWebhook incomingWebhookOrFail() {
        IncomingWebhook webhook = incomingWebhook;
        if (webhook == null) {
            throw new IllegalStateException("no incoming webhook: call incomingWebhook(\"http://localhost:<port>/twilio/sms\") first");
        }
        return webhook;
    }

    Account accountOwning(String number) {
        return accounts.all().stream().filter(account -> account.number().equals(number)).findFirst().orElseGet(this::account);
    }

    private EmulatorServer server() {
        if (server == null) {
            throw new IllegalStateException("this emulator serves no HTTP itself (built with build(), not start())");
        }
        return server;
    }

    /** How an emulator is set up; every setting has a default that suits tests. */
    public static final class Builder {

        private final List<Account> accounts = new ArrayList<>();
        private final Map<String, String> optOutKeywords = OptOuts.defaultKeywords();
        private Clock clock = Clock.systemUTC();
        private int port;
        private int threads = 64;
        private int messageCapacity = 10_000;
        private int requestCapacity = 10_000;
        private boolean countPerRecipient = true;
        private Duration latency = Duration.ZERO;
        private Conditions.Throttle throttle = Conditions.Throttle.NONE;
        private Duration statusReportStep = Duration.ofSeconds(1);
        private boolean automaticStatusReports = true;

        private Builder() {
        }

        /** An account; the first one added is the one {@link #account()} names. Without any, one random account. */
        public Builder account(Account account) {
            accounts.add(Objects.requireNonNull(account, "account"));
            return this;
        }

        /** The loopback port to listen on; 0 (the default): a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("no port: " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * Handler threads (64); late answers wait on a timer, so this bounds only the requests worked on at once.
         * {@code 0}: every request is answered on the server's own thread, which spares each request two thread
         * hand-offs (for benchmarks on few cores), but a fault that holds its connection ({@code holdUntil}, a
         * delayed {@code disconnect}) then holds every connection.
         */
        public Builder threads(int threads) {
            if (threads < 0) {
                throw new IllegalArgumentException("threads must be at least 0, was " + threads);
            }
            this.threads = threads;
            return this;
        }

        /** How many messages are kept (10,000), the oldest forgotten first; 0 keeps none. */
        public Builder messageCapacity(int capacity) {
            this.messageCapacity = notNegative(capacity, "messageCapacity");
            return this;
        }

        /** How many requests are recorded (10,000), the oldest forgotten first; 0 records none (for benchmarks). */
        public Builder requestCapacity(int capacity) {
            this.requestCapacity = notNegative(capacity, "requestCapacity");
            return this;
        }

        /** Whether {@link Counts#acceptedPerRecipient()} counts (it does): off, the emulator holds nothing per recipient. */
        public Builder countPerRecipient(boolean count) {
            this.countPerRecipient = count;
            return this;
        }

        /** How late every answer comes (none); {@link #reset()} comes back to this. */
        public Builder latency(Duration latency) {
            this.latency = Conditions.requireNotNegative(latency);
            return this;
        }

        /** See {@link TwilioEmulator#throttleAbove(int, int)}; {@link #reset()} comes back to this. */
        public Builder throttleAbove(int limit, int retryAfterSeconds) {
            this.throttle = new Conditions.Throttle(limit, retryAfterSeconds);
            return this;
        }

        /** See {@link TwilioEmulator#statusReportStep(Duration)}; 1 second unless set. */
        public Builder statusReportStep(Duration step) {
            this.statusReportStep = Conditions.requireNotNegative(step);
            return this;
        }

        /** Whether messages with a {@code StatusCallback} are reported by themselves (they are). */
        public Builder automaticStatusReports(boolean automatic) {
            this.automaticStatusReports = automatic;
            return this;
        }

        /** Marks texts that are just {@code keyword} with {@code OptOutType} {@code type} ({@code STOP}, {@code START} or {@code HELP}). */
        public Builder optOutKeyword(String keyword, String type) {
            if (!List.of(OptOuts.STOP, OptOuts.START, OptOuts.HELP).contains(type)) {
                throw new IllegalArgumentException("OptOutType is STOP, START or HELP, not " + type);
            }
            optOutKeywords.put(keyword.trim().toUpperCase(Locale.ROOT), type);
            return this;
        }

        /** The clock that dates messages and expires verifications. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Starts the emulator on its own server. */
        public TwilioEmulator start() {
            return new TwilioEmulator(prepared(), true);
        }

        /** The emulator without a server of its own: an application serves {@link TwilioEmulator#api()} under its web server. */
        public TwilioEmulator build() {
            return new TwilioEmulator(prepared(), false);
        }

        private Builder prepared() {
            if (accounts.isEmpty()) {
                accounts.add(Account.random());
            }
            return this;
        }

        private static int notNegative(int value, String name) {
            if (value < 0) {
                throw new IllegalArgumentException(name + " must not be negative, was " + value);
            }
            return value;
        }
    }
}

package dev.twilioconnector.inbound.reception;

import dev.twilioconnector.core.template.SmsTemplates;
import dev.twilioconnector.flowable.inbound.InboundMessageLedger;
import dev.twilioconnector.flowable.inbound.OpenReply;
import dev.twilioconnector.flowable.inbound.WebhookReply;
import dev.twilioconnector.flowable.schema.PluginSchema;
import dev.twilioconnector.flowable.schema.PluginTables;
import dev.twilioconnector.inbound.trigger.TriggerFile;
import dev.twilioconnector.inbound.trigger.TriggerMatch;
import dev.twilioconnector.inbound.trigger.TriggerSet;
import dev.twilioconnector.inbound.webhook.InboundSms;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The inbound path with a real ledger on in-memory H2 and a publisher that records what it was given. */
class SmsReceptionTest {

    private static final String CUSTOMER = "+14155551234";
    private static final String OUR_NUMBER = "+14155550000";
    private static final Duration MATCH_TIMEOUT = Duration.ofMillis(250);
    private static final AtomicInteger SIDS = new AtomicInteger();

    @TempDir
    Path dir;

    private JdbcDataSource dataSource;
    private InboundMessageLedger ledger;
    private RecordingPublisher publisher;
    private SmsReception reception;

    @BeforeEach
    void setUp() {
        dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:reception-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        new PluginSchema(dataSource).migrate();
        ledger = new InboundMessageLedger(dataSource, Clock.systemUTC(), Duration.ofMinutes(2), Duration.ofSeconds(10), Duration.ofDays(7));
        publisher = new RecordingPublisher();
        reception = reception("classpath:triggers/reception.yml");
    }

    @AfterEach
    void shutDown() throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN");
        }
    }

    // --- matching and echo ---

    @Test
    void aMatchIsPublishedOnceWithItsGroupsAndAnsweredWithTheEcho() {
        InboundSms sms = sms("Order Number 4711");

        String reply = reception.receive(sms);

        assertThat(reply).isEqualTo("Your reference number is 4711");
        assertThat(publisher.events).hasSize(1);
        Published event = publisher.events.get(0);
        assertThat(event.match().trigger().name()).isEqualTo("orderStatus");
        assertThat(event.match().groups()).containsExactly(Map.entry("orderNumber", "4711"));
        assertThat(event.sms()).isSameAs(sms);
    }

    @Test
    void theSecondTriggerMatchesCaseInsensitively() {
        String reply = reception.receive(sms("YES"));

        assertThat(reply).isEqualTo("Thanks, YES");
        assertThat(publisher.events).singleElement().satisfies(event -> {
            assertThat(event.match().trigger().name()).isEqualTo("confirm");
            assertThat(event.match().groups()).containsExactly(Map.entry("answer", "YES"));
        });
    }

    @Test
    void noMatchMeansNoReplyAndNothingPublished() {
        assertThat(reception.receive(sms("Hello, is anybody there?"))).isNull();
        assertThat(reception.receive(sms(""))).isNull();
        assertThat(publisher.events).isEmpty();
    }

    @Test
    void theEchoSeesFromToAndTheOriginalMessage() {
        String reply = reception.receive(sms("who am i?"));

        assertThat(reply).isEqualTo("You are " + CUSTOMER + ", this is " + OUR_NUMBER + ", you wrote \"who am i?\"");
        assertThat(publisher.events).hasSize(1);
    }

    @Test
    void anEchoThatCannotBeRenderedFallsBackToEchoErrorAfterPublishing() throws Exception {
        Path file = Files.writeString(dir.resolve("optional.yml"), """
                triggers:
                  - name: maybe
                    pattern: 'Order(?: (?<n>\\d+))?'
                    echo: 'Order ${n}'
                    echoError: 'Which order?'
                """);
        SmsReception optional = reception(file.toString());

        assertThat(optional.receive(sms("Order 12"))).isEqualTo("Order 12");
        assertThat(optional.receive(sms("Order"))).isEqualTo("Which order?");
        assertThat(publisher.events).hasSize(2);
        assertThat(publisher.events.get(1).match().groups()).containsEntry("n", null);
    }

    @Test
    void aLongEchoIsCutAtTheLongestReply() {
        SmsReception parrot = reception("classpath:triggers/parrot.yml");
        String emoji = "\uD83D\uDE00";

        String reply = parrot.receive(sms(emoji.repeat(2000)));

        assertThat(reply.codePointCount(0, reply.length())).isEqualTo(SmsReception.MAX_REPLY_LENGTH);
        assertThat(reply).startsWith("You said: " + emoji).endsWith(emoji);
        assertThat(Character.isHighSurrogate(reply.charAt(reply.length() - 1))).isFalse();
    }

    // --- the sender's text is data ---

    @Test
    void theSendersTextIsNeverEvaluated() {
        SmsReception parrot = reception("classpath:triggers/parrot.yml");
        String arithmetic = "${7*7}";
        String execute = "<#assign x=\"freemarker.template.utility.Execute\"?new()>${x(\"id\")}";
        String multiLine = "line one\n${.now}\n<#list 1..3 as i>${i}</#list>";

        assertThat(parrot.receive(sms(arithmetic))).isEqualTo("You said: ${7*7}").doesNotContain("49");
        assertThat(parrot.receive(sms(execute))).isEqualTo("You said: " + execute).doesNotContain("uid=");
        assertThat(parrot.receive(sms(multiLine))).isEqualTo("You said: " + multiLine);
        assertThat(publisher.events).hasSize(3);
    }

    @Test
    void aMatchGroupIsNeverEvaluatedEither() {
        String reply = reception.receive(sms("Order Number ${7*7}"));

        assertThat(reply).isEqualTo("Your reference number is ${7*7}");
        assertThat(publisher.events.get(0).match().groups()).containsEntry("orderNumber", "${7*7}");
    }

    // --- deduplication ---

    @Test
    void theSameMessageTwiceIsPublishedOnceAndGetsTheSameReply() {
        InboundSms first = sms("Order Number 4711");
        InboundSms retry = new InboundSms(first.messageSid(), CUSTOMER, OUR_NUMBER, "Order Number 4711", null, List.of());

        String firstReply = reception.receive(first);
        String secondReply = reception.receive(retry);

        assertThat(firstReply).isEqualTo("Your reference number is 4711");
        assertThat(secondReply).isEqualTo(firstReply);
        assertThat(publisher.events).hasSize(1);
    }

    @Test
    void aRepeatIsAnsweredFromTheLedgerOnAnotherNodeToo() {
        InboundSms sms = sms("yes");
        RecordingPublisher otherPublisher = new RecordingPublisher();
        SmsReception otherNode = new SmsReception(triggers("classpath:triggers/reception.yml"),
                new InboundMessageLedger(dataSource, Clock.systemUTC(), Duration.ofMinutes(2), Duration.ofSeconds(10), Duration.ofDays(7)),
                otherPublisher);

        assertThat(reception.receive(sms)).isEqualTo("Thanks, yes");
        assertThat(otherNode.receive(sms)).isEqualTo("Thanks, yes");
        assertThat(publisher.events).hasSize(1);
        assertThat(otherPublisher.events).isEmpty();
    }

    @Test
    void anUnmatchedMessageRepeatedStaysUnanswered() {
        InboundSms sms = sms("nothing to see");

        assertThat(reception.receive(sms)).isNull();
        assertThat(reception.receive(sms)).isNull();
        assertThat(publisher.events).isEmpty();
    }

    @Test
    void theReplyIsRecordedInTheLedger() throws Exception {
        InboundSms sms = sms("Order Number 4711");

        reception.receive(sms);

        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT STATE_, REPLY_ FROM " + PluginTables.INBOUND_MESSAGE
                     + " WHERE MESSAGE_SID_ = '" + sms.messageSid() + "'")) {
            assertThat(row.next()).isTrue();
            assertThat(row.getString(1)).isEqualTo("ANSWERED");
            assertThat(row.getString(2)).isEqualTo("Your reference number is 4711");
        }
    }

    // --- opt-out keywords ---

    @Test
    void stopIsNeitherMatchedNorAnswered() {
        assertThat(reception.receive(sms("STOP", "STOP"))).isNull();
        assertThat(reception.receive(sms("yes", "STOP"))).isNull();
        assertThat(reception.receive(sms("Order Number 4711", "stop"))).isNull();
        assertThat(publisher.events).isEmpty();
    }

    @Test
    void startWithAMatchingBodyIsPublishedButNotEchoed() {
        assertThat(reception.receive(sms("YES", "START"))).isNull();

        assertThat(publisher.events).singleElement().satisfies(event -> {
            assertThat(event.match().trigger().name()).isEqualTo("confirm");
            assertThat(event.match().groups()).containsExactly(Map.entry("answer", "YES"));
            assertThat(event.sms().optOutType()).isEqualTo("START");
        });
    }

    @Test
    void helpWithAMatchingBodyIsPublishedButNotEchoed() {
        assertThat(reception.receive(sms("Order Number 4711", "HELP"))).isNull();

        assertThat(publisher.events).singleElement()
                .satisfies(event -> assertThat(event.match().trigger().name()).isEqualTo("orderStatus"));
    }

    @Test
    void startWithoutAMatchingBodyPublishesNothing() {
        assertThat(reception.receive(sms("UNSTOP", "START"))).isNull();
        assertThat(publisher.events).isEmpty();
    }

    @Test
    void stopIsPublishedAsAnOptOutOnceHoweverOftenItIsDelivered() {
        List<InboundSms> optOuts = new CopyOnWriteArrayList<>();
        SmsReception reception = reception(optOuts::add);
        InboundSms stop = sms("STOP", "STOP");

        assertThat(reception.receive(stop)).isNull();
        assertThat(reception.receive(stop)).isNull();

        assertThat(optOuts).containsExactly(stop);
        assertThat(publisher.events).as("never matched against the triggers").isEmpty();
    }

    @Test
    void startIsPublishedAsAnOptOutAndStillMatched() {
        List<InboundSms> optOuts = new CopyOnWriteArrayList<>();
        InboundSms start = sms("YES", "START");

        assertThat(reception(optOuts::add).receive(start)).isNull();

        assertThat(optOuts).containsExactly(start);
        assertThat(publisher.events).singleElement().satisfies(event -> assertThat(event.match().trigger().name()).isEqualTo("confirm"));
    }

    @Test
    void anOrdinaryMessageIsNoOptOut() {
        List<InboundSms> optOuts = new CopyOnWriteArrayList<>();

        assertThat(reception(optOuts::add).receive(sms("yes"))).isEqualTo("Thanks, yes");
        assertThat(optOuts).isEmpty();
    }

    @Test
    void whenTheOptOutCannotBePublishedTheClaimIsReleasedAndTheNextDeliveryCountsAsNew() throws Exception {
        List<InboundSms> optOuts = new CopyOnWriteArrayList<>();
        AtomicInteger refusals = new AtomicInteger(1);
        SmsReception reception = reception(sms -> {
            if (refusals.getAndDecrement() > 0) {
                throw new IllegalStateException("engine down");
            }
            optOuts.add(sms);
        });
        InboundSms start = sms("YES", "START");

        assertThat(reception.receive(start)).as("Twilio has answered the keyword: no echoError").isNull();
        assertThat(ledgerRows(start)).as("the claim is released").isZero();
        assertThat(publisher.events).as("not matched either, so the retry publishes both events once").isEmpty();

        assertThat(reception.receive(start)).isNull();
        assertThat(optOuts).containsExactly(start);
        assertThat(publisher.events).hasSize(1);
    }

    // --- the engine refuses the event ---

    @Test
    void whenPublishingFailsTheReplyIsTheEchoErrorAndTheNextDeliveryCountsAsNew() throws Exception {
        publisher.failWith(new IllegalStateException("engine down"));
        InboundSms sms = sms("Order Number 4711");

        assertThat(reception.receive(sms)).isEqualTo("There was a problem publishing that event.");
        assertThat(publisher.events).hasSize(1);
        assertThat(ledgerRows(sms)).as("the claim is released, nothing is recorded as answered").isZero();

        // the next delivery of the same message is handled as new, and once the engine takes it, only once
        publisher.failWith(null);
        assertThat(reception.receive(sms)).isEqualTo("Your reference number is 4711");
        assertThat(reception.receive(sms)).isEqualTo("Your reference number is 4711");
        assertThat(publisher.events).hasSize(2);
    }

    @Test
    void whenTheDatabaseCannotBeAskedTheSenderGetsTheEchoErrorAndTheNextDeliveryCountsAsNew() throws Exception {
        InboundSms sms = sms("Order Number 4711");
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("ALTER TABLE " + PluginTables.INBOUND_MESSAGE + " RENAME TO OUT_OF_REACH");
        }

        assertThat(reception.receive(sms)).isEqualTo("There was a problem publishing that event.");
        assertThat(publisher.events).isEmpty();

        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("ALTER TABLE OUT_OF_REACH RENAME TO " + PluginTables.INBOUND_MESSAGE);
        }
        assertThat(reception.receive(sms)).isEqualTo("Your reference number is 4711");
        assertThat(publisher.events).hasSize(1);
    }

    // --- replies the webhook no longer waits for ---

    @Test
    void aReplyReadyAfterTheWebhookAnsweredIsSentLateOnceAndRepeatsAnswerAsTheWebhookDid() {
        List<String> late = new CopyOnWriteArrayList<>();
        SmsReception withLateReplies = new SmsReception(triggers("classpath:triggers/reception.yml"), ledger, publisher,
                InboundMetrics.NONE, (sms, text) -> late.add(sms.from() + " <- " + text + " from " + sms.to()));
        InboundSms sms = sms("Order Number 4711");
        Delivery<WebhookReply> answeredWithoutIt = new Delivery<>();
        assertThat(answeredWithoutIt.await(Duration.ZERO)).as("the webhook gave up waiting").isEmpty();

        withLateReplies.receive(sms, answeredWithoutIt);

        assertThat(late).containsExactly(CUSTOMER + " <- Your reference number is 4711 from " + OUR_NUMBER);
        assertThat(withLateReplies.receive(sms)).as("a repeat answers as the webhook did: without a message").isNull();
        assertThat(late).hasSize(1);
        assertThat(publisher.events).hasSize(1);
    }

    @Test
    void aReplyReadyInTimeGoesIntoTheAnswerAndNothingIsSentLate() {
        List<String> late = new CopyOnWriteArrayList<>();
        SmsReception withLateReplies = new SmsReception(triggers("classpath:triggers/reception.yml"), ledger, publisher,
                InboundMetrics.NONE, (sms, text) -> late.add(text));
        Delivery<WebhookReply> waiting = new Delivery<>();

        withLateReplies.receive(sms("Order Number 4711"), waiting);

        assertThat(waiting.await(Duration.ofSeconds(1)).map(WebhookReply::text)).contains("Your reference number is 4711");
        assertThat(late).isEmpty();
    }

    // --- a process's REPLY during the hand-over ---

    @Test
    void aProcessReplyDuringTheHandOverIsTheAnswerInsteadOfTheEcho() {
        publisher.replyWith(WebhookReply.text("Order 4711: waiting for payment."));
        InboundSms sms = sms("Order Number 4711");

        assertThat(reception.receive(sms)).isEqualTo("Order 4711: waiting for payment.");
        assertThat(reception.receive(sms)).as("a repeat answers as the first delivery did").isEqualTo("Order 4711: waiting for payment.");
        assertThat(publisher.events).hasSize(1);
    }

    @Test
    void aProcessReplyKeepsItsMediaInTheAnswer() {
        WebhookReply ticket = new WebhookReply("Your ticket", List.of("https://example.com/ticket.png"));
        publisher.replyWith(ticket);
        Delivery<WebhookReply> waiting = new Delivery<>();

        reception.receive(sms("Order Number 4711"), waiting);

        assertThat(waiting.await(Duration.ofSeconds(1))).contains(ticket);
    }

    @Test
    void aProcessReplyInAHandOverThatRolledBackIsNotTheAnswer() {
        publisher.replyWith(WebhookReply.text("Never sent"));
        publisher.failWith(new IllegalStateException("rolled back"));

        assertThat(reception.receive(sms("Order Number 4711"))).isEqualTo("There was a problem publishing that event.");
    }

    @Test
    void aProcessReplyAfterTheWebhookAnsweredIsAnSmsAndTheEchoDoesNotFollowIt() {
        List<String> late = new CopyOnWriteArrayList<>();
        SmsReception withLateReplies = new SmsReception(triggers("classpath:triggers/reception.yml"), ledger, publisher,
                InboundMetrics.NONE, (sms, text) -> late.add(text));
        publisher.replyWith(WebhookReply.text("Order 4711: waiting for payment."));
        Delivery<WebhookReply> answeredWithoutIt = new Delivery<>();
        assertThat(answeredWithoutIt.await(Duration.ZERO)).as("the webhook gave up waiting").isEmpty();

        withLateReplies.receive(sms("Order Number 4711"), answeredWithoutIt);

        assertThat(publisher.sentAsSms).as("the REPLY sent its SMS itself").isTrue();
        assertThat(late).as("no late echo after the process's answer").isEmpty();
    }

    private int ledgerRows(InboundSms sms) throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM " + PluginTables.INBOUND_MESSAGE
                     + " WHERE MESSAGE_SID_ = '" + sms.messageSid() + "'")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    @Test
    void whenPublishingFailsWithoutEchoErrorThereIsNoReply() {
        publisher.failWith(new IllegalStateException("engine down"));

        assertThat(reception.receive(sms("no"))).isNull();
        assertThat(publisher.events).hasSize(1);
    }

    // --- concurrency ---

    @Test
    void twentyConcurrentDeliveriesOfOneMessagePublishOnceAndAllGetTheSameReply() throws Exception {
        int deliveries = 20;
        publisher.holdFor(Duration.ofMillis(200));
        InboundSms sms = sms("Order Number 4711");
        CountDownLatch startGate = new CountDownLatch(1);
        List<Long> callStarts = new CopyOnWriteArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(deliveries);
        try {
            List<Future<String>> replies = new ArrayList<>();
            for (int i = 0; i < deliveries; i++) {
                replies.add(pool.submit(() -> {
                    startGate.await();
                    callStarts.add(System.nanoTime());
                    return reception.receive(new InboundSms(sms.messageSid(), sms.from(), sms.to(), sms.body(), null, List.of()));
                }));
            }
            startGate.countDown();

            List<String> answers = new ArrayList<>();
            for (Future<String> reply : replies) {
                answers.add(reply.get(30, TimeUnit.SECONDS));
            }

            assertThat(publisher.events).hasSize(1);
            assertThat(answers).hasSize(deliveries).containsOnly("Your reference number is 4711");
            // the deliveries really overlapped: every one of them arrived while the first was still publishing
            assertThat(callStarts).hasSize(deliveries).allSatisfy(start -> assertThat(start).isLessThan(publisher.lastPublishEnd));
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    // --- helpers ---

    private SmsReception reception(String location) {
        return new SmsReception(triggers(location), ledger, publisher);
    }

    private SmsReception reception(OptOutEventPublisher optOuts) {
        return new SmsReception(triggers("classpath:triggers/reception.yml"), ledger, publisher, InboundMetrics.NONE, (sms, text) -> {
        }, optOuts);
    }

    private static TriggerSet triggers(String location) {
        return TriggerFile.load(location, new SmsTemplates(), MATCH_TIMEOUT);
    }

    private static InboundSms sms(String body) {
        return sms(body, null);
    }

    private static InboundSms sms(String body, String optOutType) {
        Map<String, String> form = new HashMap<>();
        form.put("MessageSid", "SM%032d".formatted(SIDS.incrementAndGet()));
        form.put("From", CUSTOMER);
        form.put("To", OUR_NUMBER);
        form.put("Body", body);
        if (optOutType != null) {
            form.put("OptOutType", optOutType);
        }
        return InboundSms.of(form);
    }

    private record Published(TriggerMatch match, InboundSms sms) {
    }

    /** Records every event it is handed; can be told to fail, or to take a while. */
    private static final class RecordingPublisher implements SmsEventPublisher {

        final List<Published> events = new CopyOnWriteArrayList<>();
        volatile long lastPublishEnd;
        private volatile RuntimeException failure;
        private volatile Duration hold = Duration.ZERO;
        private final CountDownLatch neverReleased = new CountDownLatch(1);
        private volatile WebhookReply reply;
        /** Whether a hand-over's REPLY found the webhook no longer waiting, and sent an SMS instead. */
        volatile boolean sentAsSms;

        void failWith(RuntimeException failure) {
            this.failure = failure;
        }

        void holdFor(Duration hold) {
            this.hold = hold;
        }

        /** Answers each message as a process's REPLY would during the hand-over, when the webhook's answer is open for it. */
        void replyWith(WebhookReply reply) {
            this.reply = reply;
        }

        @Override
        public void publish(TriggerMatch match, InboundSms sms) {
            events.add(new Published(match, sms));
            try {
                if (!hold.isZero() && neverReleased.await(hold.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new IllegalStateException("the hold latch is never released");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } finally {
                lastPublishEnd = System.nanoTime();
            }
            if (reply != null) {
                // As ReplyDelegate does: in the webhook's answer while it waits, else as an SMS of its own.
                OpenReply.unanswered(sms.messageSid()).ifPresent(webhook -> {
                    if (webhook.webhookWaits()) {
                        webhook.give(reply);
                    } else {
                        webhook.sentAsSms();
                        sentAsSms = true;
                    }
                });
            }
            if (failure != null) {
                throw failure;
            }
        }
    }
}

package dev.twilioconnector.core.http;

import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import dev.twilioconnector.core.TestAccount;
import dev.twilioconnector.core.TwilioProblem;
import dev.twilioconnector.core.TwilioConnector;
import dev.twilioconnector.core.settings.TwilioSettings;
import dev.twilioconnector.core.sms.SendOutcome;
import dev.twilioconnector.core.sms.SendSms;
import dev.twilioconnector.core.sms.SmsSender;
import dev.twilioconnector.emulator.Fault;
import dev.twilioconnector.emulator.RecordedRequest;
import dev.twilioconnector.emulator.TwilioEmulator;
import dev.twilioconnector.emulator.TwilioEmulatorExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static dev.twilioconnector.core.TestAccount.ACCOUNT;
import static dev.twilioconnector.core.TestAccount.FROM;
import static dev.twilioconnector.core.TestAccount.MESSAGES_PATH;
import static dev.twilioconnector.core.TestAccount.NEVER;
import static dev.twilioconnector.core.TestAccount.TOKEN;
import static dev.twilioconnector.core.TestAccount.basic;
import static dev.twilioconnector.emulator.RequestMatch.messageCreation;
import static dev.twilioconnector.emulator.RequestMatch.messageFetch;
import static dev.twilioconnector.emulator.RequestMatch.messageList;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** The HTTP path every call takes: base URL rewriting, paging, what is retried, and timeouts. */
class TwilioTransportTest {

    private static final String A = "+15551230001";

    @RegisterExtension
    static final TwilioEmulatorExtension EMULATOR = TestAccount.emulator();

    private final TwilioEmulator twilio = EMULATOR.emulator();
    /** What answers held by a test wait for; released after each test. */
    private final CompletableFuture<Void> release = new CompletableFuture<>();
    private final List<AutoCloseable> closeables = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        release.complete(null);
        for (AutoCloseable closeable : closeables) {
            closeable.close();
        }
    }

    private TwilioConnector connector(TwilioSettings settings) {
        TwilioConnector connector = TwilioConnector.create(settings);
        closeables.add(connector);
        return connector;
    }

    private TwilioClients clients(TwilioSettings settings) {
        TwilioClients clients = new TwilioClients(TwilioTransport.create(settings));
        closeables.add(clients);
        return clients;
    }

    private TwilioRestClient client(TwilioSettings settings) {
        return clients(settings).forCredentials(settings.credentials().orElseThrow());
    }

    /** A message sent earlier, {@code minutes} after 10:00, for fetching and listing. */
    private String history(int minutes) {
        dev.twilioconnector.emulator.Message message = dev.twilioconnector.emulator.Message.outbound(ACCOUNT, FROM, A, "listed",
                dev.twilioconnector.emulator.Message.DELIVERED, Instant.parse("2026-11-22T10:00:00Z").plusSeconds(60L * minutes));
        twilio.addMessage(message);
        return message.sid();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/sandbox", "/sandbox/"})
    void baseUrlWithPathPrefix(String prefix) {
        TwilioSettings settings = TestAccount.settings(twilio).toBuilder().apiBaseUrl(URI.create(twilio.baseUrl() + prefix)).build();

        SendOutcome outcome = connector(settings).send(new SendSms(null, null, List.of(A), "hi", null));

        assertThat(outcome.problems()).isEmpty();
        assertThat(twilio.requests()).singleElement().satisfies(request -> {
            assertThat(request.prefix()).isEqualTo("/sandbox");
            assertThat(request.url()).isEqualTo("/sandbox" + MESSAGES_PATH);
            assertThat(request.status()).isEqualTo(201);
        });
    }

    @Test
    void pagingKeepsTheNextPageQueryIntact() {
        String oldest = history(1);
        String older = history(2);
        String newer = history(3);
        String newest = history(4);
        TwilioSettings settings = TestAccount.settings(twilio);

        List<String> sids = new ArrayList<>();
        for (Message message : Message.reader().setPageSize(2L).read(client(settings))) {
            sids.add(message.getSid());
        }

        assertThat(sids).containsExactly(newest, newer, older, oldest);
        List<RecordedRequest> requests = twilio.requests();
        assertThat(requests).hasSize(2);
        assertThat(requests.get(0).url()).isEqualTo(MESSAGES_PATH + "?PageSize=2");
        // The second request is the first page's next_page_uri to the letter, page token and all.
        assertThat(requests.get(1).url()).isEqualTo(MESSAGES_PATH + "?PageSize=2&Page=1&PageToken=PA" + newer);
        assertThat(requests.get(1).param("PageToken")).isEqualTo("PA" + newer);
        assertThat(requests).allSatisfy(request -> assertThat(request.authorization()).isEqualTo(basic(ACCOUNT, TOKEN)));
    }

    @Test
    void getIsRetriedAfterServerError() {
        String sid = history(1);
        twilio.failNext(1, Fault.unavailable(0), messageFetch());
        TwilioSettings settings = TestAccount.settings(twilio);
        TwilioClients clients = clients(settings);

        Message message = Message.fetcher(sid).fetch(clients.forCredentials(settings.credentials().orElseThrow()));

        assertThat(message.getSid()).isEqualTo(sid);
        assertThat(twilio.requests(messageFetch())).extracting(RecordedRequest::status).containsExactly(503, 200);
        assertThat(clients.transport().retries()).isEqualTo(1);
    }

    @Test
    void getIsNotRetriedAfterClientError() {
        // No such message: Twilio answers 404 with its code 20404.
        TwilioSettings settings = TestAccount.settings(twilio);
        TwilioClients clients = clients(settings);

        assertThatThrownBy(() -> Message.fetcher("SM09090909090909090909090909090909").fetch(clients.forCredentials(settings.credentials().orElseThrow())))
                .isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).getCode()).isEqualTo(20404));
        assertThat(twilio.requests(messageFetch())).extracting(RecordedRequest::status).containsExactly(404);
        assertThat(clients.transport().retries()).isZero();
    }

    @Test
    void getGivesUpAfterMaxAttempts() {
        String sid = history(1);
        twilio.fail(Fault.serverError(), messageFetch());
        TwilioSettings settings = TestAccount.settings(twilio);
        TwilioClients clients = clients(settings);

        assertThatThrownBy(() -> Message.fetcher(sid).fetch(clients.forCredentials(settings.credentials().orElseThrow())))
                .isInstanceOf(ApiException.class);
        assertThat(twilio.requests(messageFetch())).hasSize(settings.retry().maxAttempts());
    }

    @Test
    void readTimeoutIsHonoured() {
        // Twilio answers only once the test is over: the send can end only by its read timeout.
        twilio.fail(Fault.holdUntil(release), messageCreation());
        TwilioSettings settings = TestAccount.settings(twilio).toBuilder().readTimeout(Duration.ofMillis(300)).build();
        TwilioConnector connector = connector(settings);
        long start = System.nanoTime();

        SendOutcome outcome = assertTimeoutPreemptively(NEVER, () -> connector.send(new SendSms(null, null, List.of(A), "hi", null)));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(outcome.problems()).containsExactly(new TwilioProblem(A, null, null, SmsSender.NO_ANSWER.formatted(300)));
        assertThat(twilio.requests(messageCreation())).hasSize(1);
    }

    @Test
    void readTimeoutAlsoAppliesToGets() {
        twilio.fail(Fault.holdUntil(release), messageList());
        TwilioSettings settings = TestAccount.settings(twilio).toBuilder().readTimeout(Duration.ofMillis(300))
                .parallelism(2).retry(new dev.twilioconnector.core.settings.RetryPolicy(1, Duration.ZERO, Duration.ZERO)).build();
        TwilioRestClient client = client(settings);

        assertTimeoutPreemptively(NEVER, () -> assertThatThrownBy(() -> Message.reader().firstPage(client))
                .isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(ConnectionFailure.timedOutWaitingForAnswer(e)).isTrue()));
        assertThat(twilio.requests(messageList())).hasSize(1);
    }

    @Test
    void oneClientPerCredentialSet() {
        TwilioSettings settings = TestAccount.settings(twilio);
        TwilioClients clients = clients(settings);
        var token = settings.credentials().orElseThrow();
        var apiKey = settings.toBuilder().apiKey(TestAccount.API_KEY).apiSecret(TestAccount.API_SECRET).build().credentials().orElseThrow();

        TwilioRestClient first = clients.forCredentials(token);

        assertThat(clients.forCredentials(dev.twilioconnector.core.settings.Credentials.ofToken(ACCOUNT, TOKEN))).isSameAs(first);
        assertThat(clients.forCredentials(apiKey)).isNotSameAs(first);
        assertThat(first.getAccountSid()).isEqualTo(ACCOUNT);
        assertThat(clients.forCredentials(apiKey).getAccountSid()).isEqualTo(ACCOUNT);
        assertThat(first.getHttpClient()).isSameAs(clients.transport());
    }

    @Test
    void sdkRetryEntryPointUsesOurPolicy() {
        twilio.fail(Fault.serverError(), messageCreation());
        TwilioSettings settings = TestAccount.settings(twilio);
        TwilioClients clients = clients(settings);
        com.twilio.http.Request request = new com.twilio.http.Request(com.twilio.http.HttpMethod.POST, "api", MESSAGES_PATH);
        request.setAuth(ACCOUNT, TOKEN);

        // The SDK's own signature would resend on any 5xx three times; ours must not resend a POST.
        var response = clients.transport().reliableRequest(request, new int[] {-500}, 3, 1);

        assertThat(response.getStatusCode()).isEqualTo(500);
        assertThat(twilio.requests(messageCreation())).hasSize(1);
    }

    @Test
    void sendsToTheConfiguredHostOnly() {
        connector(TestAccount.settings(twilio)).send(new SendSms(null, null, List.of(A), "hi", Map.of()));

        assertThat(twilio.requests()).singleElement().satisfies(request -> {
            assertThat(request.prefix()).isEmpty();
            assertThat(request.url()).startsWith("/2010-04-01/");
            assertThat(request.header("Host")).isEqualTo(twilio.baseUrl().getAuthority());
        });
    }
}

package dev.twilioconnector.core.http;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import dev.twilioconnector.core.FakeTwilio;
import dev.twilioconnector.core.TwilioProblem;
import dev.twilioconnector.core.TwilioConnector;
import dev.twilioconnector.core.settings.TwilioSettings;
import dev.twilioconnector.core.sms.SendOutcome;
import dev.twilioconnector.core.sms.SendSms;
import dev.twilioconnector.core.sms.SmsSender;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.twilioconnector.core.FakeTwilio.ACCOUNT;
import static dev.twilioconnector.core.FakeTwilio.MESSAGES_PATH;
import static dev.twilioconnector.core.FakeTwilio.TOKEN;
import static dev.twilioconnector.core.FakeTwilio.basic;
import static dev.twilioconnector.core.FakeTwilio.created;
import static dev.twilioconnector.core.FakeTwilio.error;
import static dev.twilioconnector.core.FakeTwilio.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The HTTP path every call takes: base URL rewriting, paging, what is retried, and timeouts. */
class TwilioTransportTest {

    private static final String A = "+15551230001";

    private static FakeTwilio twilio;
    private final List<AutoCloseable> closeables = new ArrayList<>();

    @BeforeAll
    static void startFake() {
        twilio = new FakeTwilio();
    }

    @AfterAll
    static void stopFake() {
        twilio.close();
    }

    @BeforeEach
    void resetFake() {
        twilio.reset();
    }

    @AfterEach
    void close() throws Exception {
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

    private static String listed(String sid) {
        return FakeTwilio.messageJson(sid, A, "listed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/sandbox", "/sandbox/"})
    void baseUrlWithPathPrefix(String prefix) {
        String path = "/sandbox" + MESSAGES_PATH;
        twilio.server().stubFor(post(urlPathEqualTo(path)).willReturn(created("SM00000000000000000000000000000000", A, "x")));
        TwilioSettings settings = twilio.settings().toBuilder().apiBaseUrl(URI.create(twilio.baseUrl() + prefix)).build();

        SendOutcome outcome = connector(settings).send(new SendSms(null, null, List.of(A), "hi", null));

        assertThat(outcome.problems()).isEmpty();
        twilio.server().verify(exactly(1), postRequestedFor(urlEqualTo(path)));
        assertThat(twilio.requests()).singleElement().extracting(LoggedRequest::getUrl).isEqualTo(path);
    }

    @Test
    void pagingKeepsTheNextPageQueryIntact() {
        String firstPage = """
                {"messages":[%s,%s],
                 "first_page_uri":"%s?PageSize=2&Page=0","next_page_uri":"%s?PageSize=2&Page=1&PageToken=PAabc",
                 "previous_page_uri":null,"uri":"%s?PageSize=2&Page=0","page":0,"page_size":2,"start":0,"end":1}"""
                .formatted(listed("SM01010101010101010101010101010101"), listed("SM02020202020202020202020202020202"),
                        MESSAGES_PATH, MESSAGES_PATH, MESSAGES_PATH);
        String secondPage = """
                {"messages":[%s,%s],
                 "first_page_uri":"%s?PageSize=2&Page=0","next_page_uri":null,
                 "previous_page_uri":"%s?PageSize=2&Page=0&PageToken=PBabc",
                 "uri":"%s?PageSize=2&Page=1&PageToken=PAabc","page":1,"page_size":2,"start":2,"end":3}"""
                .formatted(listed("SM03030303030303030303030303030303"), listed("SM04040404040404040404040404040404"),
                        MESSAGES_PATH, MESSAGES_PATH, MESSAGES_PATH);
        twilio.server().stubFor(get(urlPathEqualTo(MESSAGES_PATH)).withQueryParam("PageToken", absent())
                .willReturn(json(200, firstPage)));
        twilio.server().stubFor(get(urlPathEqualTo(MESSAGES_PATH)).withQueryParam("PageToken", equalTo("PAabc"))
                .willReturn(json(200, secondPage)));
        TwilioSettings settings = twilio.settings();

        List<String> sids = new ArrayList<>();
        for (Message message : Message.reader().setPageSize(2L).read(client(settings))) {
            sids.add(message.getSid());
        }

        assertThat(sids).containsExactly("SM01010101010101010101010101010101", "SM02020202020202020202020202020202",
                "SM03030303030303030303030303030303", "SM04040404040404040404040404040404");
        List<LoggedRequest> requests = twilio.requests();
        assertThat(requests).hasSize(2);
        assertThat(requests.get(0).getUrl()).isEqualTo(MESSAGES_PATH + "?PageSize=2");
        assertThat(requests.get(1).getUrl()).isEqualTo(MESSAGES_PATH + "?PageSize=2&Page=1&PageToken=PAabc");
        assertThat(requests.get(1).queryParameter("PageToken").firstValue()).isEqualTo("PAabc");
        assertThat(requests).allSatisfy(request ->
                assertThat(request.getHeader("Authorization")).isEqualTo(basic(ACCOUNT, TOKEN)));
    }

    @Test
    void getIsRetriedAfterServerError() {
        String fetchPath = "/2010-04-01/Accounts/" + ACCOUNT + "/Messages/SM01010101010101010101010101010101.json";
        twilio.server().stubFor(get(urlPathEqualTo(fetchPath)).inScenario("flaky")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(error(503, 20503, "Service Unavailable"))
                .willSetStateTo("ok"));
        twilio.server().stubFor(get(urlPathEqualTo(fetchPath)).inScenario("flaky")
                .whenScenarioStateIs("ok")
                .willReturn(json(200, listed("SM01010101010101010101010101010101"))));
        TwilioSettings settings = twilio.settings();
        TwilioClients clients = clients(settings);

        Message message = Message.fetcher("SM01010101010101010101010101010101").fetch(clients.forCredentials(settings.credentials().orElseThrow()));

        assertThat(message.getSid()).isEqualTo("SM01010101010101010101010101010101");
        twilio.server().verify(exactly(2), getRequestedFor(urlPathEqualTo(fetchPath)));
        assertThat(clients.transport().retries()).isEqualTo(1);
    }

    @Test
    void getIsNotRetriedAfterClientError() {
        String fetchPath = "/2010-04-01/Accounts/" + ACCOUNT + "/Messages/SM09090909090909090909090909090909.json";
        twilio.server().stubFor(get(urlPathEqualTo(fetchPath)).willReturn(error(404, 20404, "The requested resource was not found")));
        TwilioSettings settings = twilio.settings();
        TwilioClients clients = clients(settings);

        assertThatThrownBy(() -> Message.fetcher("SM09090909090909090909090909090909").fetch(clients.forCredentials(settings.credentials().orElseThrow())))
                .isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).getCode()).isEqualTo(20404));
        twilio.server().verify(exactly(1), getRequestedFor(urlPathEqualTo(fetchPath)));
        assertThat(clients.transport().retries()).isZero();
    }

    @Test
    void getGivesUpAfterMaxAttempts() {
        String fetchPath = "/2010-04-01/Accounts/" + ACCOUNT + "/Messages/SM09090909090909090909090909090909.json";
        twilio.server().stubFor(get(urlPathEqualTo(fetchPath)).willReturn(error(500, 20500, "Internal Server Error")));
        TwilioSettings settings = twilio.settings();
        TwilioClients clients = clients(settings);

        assertThatThrownBy(() -> Message.fetcher("SM09090909090909090909090909090909").fetch(clients.forCredentials(settings.credentials().orElseThrow())))
                .isInstanceOf(ApiException.class);
        twilio.server().verify(exactly(settings.retry().maxAttempts()), getRequestedFor(urlPathEqualTo(fetchPath)));
    }

    @Test
    void readTimeoutIsHonoured() {
        twilio.server().stubFor(post(urlPathEqualTo(MESSAGES_PATH))
                .willReturn(created("SM00000000000000000000000000000000", A, "x").withFixedDelay(3000)));
        TwilioSettings settings = twilio.settings().toBuilder().readTimeout(Duration.ofMillis(300)).build();
        TwilioConnector connector = connector(settings);
        long start = System.nanoTime();

        SendOutcome outcome = connector.send(new SendSms(null, null, List.of(A), "hi", null));

        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        assertThat(outcome.problems()).containsExactly(new TwilioProblem(A, null, null, SmsSender.NO_ANSWER.formatted(300)));
        assertThat(elapsed).isLessThan(Duration.ofMillis(2500));
        twilio.server().verify(exactly(1), postRequestedFor(urlPathEqualTo(MESSAGES_PATH)));
    }

    @Test
    void readTimeoutAlsoAppliesToGets() {
        twilio.server().stubFor(get(urlPathEqualTo(MESSAGES_PATH)).willReturn(json(200, "{}").withFixedDelay(3000)));
        TwilioSettings settings = twilio.settings().toBuilder().readTimeout(Duration.ofMillis(300))
                .parallelism(2).retry(new dev.twilioconnector.core.settings.RetryPolicy(1, Duration.ZERO, Duration.ZERO)).build();
        long start = System.nanoTime();

        assertThatThrownBy(() -> Message.reader().firstPage(client(settings)))
                .isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(ConnectionFailure.timedOutWaitingForAnswer(e)).isTrue());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2500));
    }

    @Test
    void oneClientPerCredentialSet() {
        TwilioSettings settings = twilio.settings();
        TwilioClients clients = clients(settings);
        var token = settings.credentials().orElseThrow();
        var apiKey = settings.toBuilder().apiKey(FakeTwilio.API_KEY).apiSecret(FakeTwilio.API_SECRET).build().credentials().orElseThrow();

        TwilioRestClient first = clients.forCredentials(token);

        assertThat(clients.forCredentials(dev.twilioconnector.core.settings.Credentials.ofToken(ACCOUNT, TOKEN))).isSameAs(first);
        assertThat(clients.forCredentials(apiKey)).isNotSameAs(first);
        assertThat(first.getAccountSid()).isEqualTo(ACCOUNT);
        assertThat(clients.forCredentials(apiKey).getAccountSid()).isEqualTo(ACCOUNT);
        assertThat(first.getHttpClient()).isSameAs(clients.transport());
    }

    @Test
    void sdkRetryEntryPointUsesOurPolicy() {
        twilio.server().stubFor(post(urlPathEqualTo(MESSAGES_PATH)).willReturn(error(500, 20500, "Internal Server Error")));
        TwilioSettings settings = twilio.settings();
        TwilioClients clients = clients(settings);
        com.twilio.http.Request request = new com.twilio.http.Request(com.twilio.http.HttpMethod.POST, "api", MESSAGES_PATH);
        request.setAuth(ACCOUNT, TOKEN);

        // The SDK's own signature would resend on any 5xx three times; ours must not resend a POST.
        var response = clients.transport().reliableRequest(request, new int[] {-500}, 3, 1);

        assertThat(response.getStatusCode()).isEqualTo(500);
        twilio.server().verify(exactly(1), postRequestedFor(urlPathEqualTo(MESSAGES_PATH)));
    }

    @Test
    void sendsToTheConfiguredHostOnly() {
        twilio.server().stubFor(post(urlPathEqualTo(MESSAGES_PATH)).willReturn(created("SM00000000000000000000000000000000", A, "x")));

        connector(twilio.settings()).send(new SendSms(null, null, List.of(A), "hi", Map.of()));

        assertThat(twilio.requests()).singleElement().satisfies(request -> {
            assertThat(request.getAbsoluteUrl()).startsWith(twilio.baseUrl() + "/2010-04-01/");
            assertThat(request.getHeader("Host")).isEqualTo(URI.create(twilio.baseUrl()).getAuthority());
        });
    }
}

package dev.twilioconnector.contract;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * Twilio as Prism mocks it, at one base URL: a Prism for api.twilio.com's document
 * ({@code /2010-04-01/…}) and one for verify.twilio.com's ({@code /v2/…}), behind a WireMock router
 * that sends each request to the Prism of its path prefix.
 *
 * <p>Why two Prisms and a router rather than one merged document: the tests need a recording proxy
 * in front of Prism anyway (the exact wire request, repeated form keys included, and Prism's verdict
 * on it are read from its journal), and with the proxy there, routing by prefix costs two stub lines,
 * while a merged document would need code of its own to reconcile two documents' servers, security
 * schemes and component names, and that code could hide or shadow a piece of Twilio's schema. Each
 * Prism reads its document in parallel with the other, so the second one adds no start-up time.
 */
final class MockedTwilio implements AutoCloseable {

    static final String ACCOUNT = "AC0123456789abcdef0123456789abcdef";
    static final String TOKEN = "contract-token-7d1e5f3a9c2e";
    static final String API_DOCUMENT = "twilio_api_v2010.json";
    static final String VERIFY_DOCUMENT = "twilio_verify_v2.json";

    private final PrismMock api;
    private final PrismMock verify;
    private final WireMockServer router;

    private MockedTwilio(PrismMock api, PrismMock verify, WireMockServer router) {
        this.api = api;
        this.verify = verify;
        this.router = router;
    }

    static MockedTwilio start(Path nodeModules, Path outputDirectory) throws IOException, InterruptedException {
        Path documents = nodeModules.resolve("@twilio/cli-core/src/services/twilio-api");
        Path apiDocument = PrismDocument.adapt(documents.resolve(API_DOCUMENT), outputDirectory);
        Path verifyDocument = PrismDocument.adapt(documents.resolve(VERIFY_DOCUMENT), outputDirectory);

        PrismMock api = PrismMock.launch("prism-api-v2010", apiDocument, nodeModules, outputDirectory);
        PrismMock verify = PrismMock.launch("prism-verify-v2", verifyDocument, nodeModules, outputDirectory);
        try {
            api.awaitReady();
            verify.awaitReady();
        } catch (RuntimeException | InterruptedException e) {
            api.close();
            verify.close();
            throw e;
        }
        WireMockServer router = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        router.start();
        router.stubFor(any(urlPathMatching("/2010-04-01/.*")).willReturn(aResponse().proxiedFrom(api.baseUrl())));
        router.stubFor(any(urlPathMatching("/v2/.*")).willReturn(aResponse().proxiedFrom(verify.baseUrl())));
        return new MockedTwilio(api, verify, router);
    }

    /** The environment a deployment would set to point the connector at this Twilio (auth token). */
    Map<String, String> environment() {
        return Map.of("TWILIO_ACCOUNT", ACCOUNT, "TWILIO_TOKEN", TOKEN, "TWILIO_API_BASE_URL", baseUrl());
    }

    /** The router: what TWILIO_API_BASE_URL names. */
    String baseUrl() {
        return "http://127.0.0.1:" + router.port();
    }

    /** The api.twilio.com Prism itself, without the router, for requests the test writes by hand. */
    String apiPrismUrl() {
        return api.baseUrl();
    }

    /** Every request that reached the router since {@link #forgetExchanges()}, oldest first. */
    List<Exchange> exchanges() {
        List<ServeEvent> events = new ArrayList<>(router.getAllServeEvents());
        List<Exchange> exchanges = new ArrayList<>();
        for (int i = events.size() - 1; i >= 0; i--) {
            ServeEvent event = events.get(i);
            exchanges.add(new Exchange(event.getRequest().getMethod().getName(), event.getRequest().getUrl(),
                    Exchange.decode(event.getRequest().getBodyAsString()), event.getRequest().getHeader("Authorization"),
                    event.getResponse().getStatus(), event.getResponse().getBodyAsString()));
        }
        return exchanges;
    }

    void forgetExchanges() {
        router.resetRequests();
    }

    @Override
    public void close() {
        router.stop();
        api.close();
        verify.close();
    }
}

package dev.twilioconnector.contract;

import dev.twilioconnector.emulator.Account;
import dev.twilioconnector.emulator.RecordedRequest;
import dev.twilioconnector.emulator.TwilioEmulator;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Twilio as the emulator plays it, with Prism in front judging every exchange against Twilio's OpenAPI
 * description: a Prism proxy for api.twilio.com's document ({@code /2010-04-01/…}) and one for
 * verify.twilio.com's ({@code /v2/…}), both forwarding to the one emulator, and a {@link PrismRouter} at
 * the base URL the connector is given. Prism refuses a request that breaks Twilio's schema (422, it never
 * reaches the emulator) and turns an answer of the emulator's that breaks it into a 500, so every test
 * checks the connector's requests and the emulator's answers alike.
 *
 * <p>Why two Prisms and a router rather than one merged document: the tests need a recording router in
 * front of Prism anyway (the exact wire request, repeated form keys included, and Prism's verdict on it),
 * while a merged document would need code of its own to reconcile two documents' servers, security
 * schemes and component names, and that code could hide or shadow a piece of Twilio's schema.
 */
final class CheckedTwilio implements AutoCloseable {

    static final String ACCOUNT = "AC0123456789abcdef0123456789abcdef";
    static final String TOKEN = "contract-token-7d1e5f3a9c2e";
    static final String API_KEY = "SK0123456789abcdef0123456789abcdef";
    static final String API_SECRET = "contract-key-secret-4b8e";
    static final String API_DOCUMENT = "twilio_api_v2010.json";
    static final String VERIFY_DOCUMENT = "twilio_verify_v2.json";
    /** Where the account's messages are created and listed. */
    static final String MESSAGES = "/2010-04-01/Accounts/" + ACCOUNT + "/Messages.json";
    /** The account's own {@code Authorization}, for the requests a test writes by hand. */
    static final String AUTHORIZATION = PrismClient.basicAuth(ACCOUNT, TOKEN);

    private final TwilioEmulator emulator;
    private final PrismProxy api;
    private final PrismProxy verify;
    private final PrismRouter router;
    /** How many of the emulator's recorded requests came before {@link #forgetExchanges()}. */
    private volatile int requestsBefore;

    private CheckedTwilio(TwilioEmulator emulator, PrismProxy api, PrismProxy verify, PrismRouter router) {
        this.emulator = emulator;
        this.api = api;
        this.verify = verify;
        this.router = router;
    }

    static CheckedTwilio start(Path nodeModules, Path outputDirectory) throws IOException, InterruptedException {
        Path documents = nodeModules.resolve("@twilio/cli-core/src/services/twilio-api");
        Path apiDocument = PrismDocument.adapt(documents.resolve(API_DOCUMENT), outputDirectory);
        Path verifyDocument = PrismDocument.adapt(documents.resolve(VERIFY_DOCUMENT), outputDirectory);
        // Status reports would go to the tests' example.com callbacks; no contract test waits for one.
        TwilioEmulator emulator = TwilioEmulator.builder().account(Account.of(ACCOUNT, TOKEN).withApiKey(API_KEY, API_SECRET))
                .automaticStatusReports(false).start();
        String upstream = emulator.baseUrl().toString();
        PrismProxy api = PrismProxy.launch("prism-api-v2010", apiDocument, upstream, nodeModules, outputDirectory);
        PrismProxy verify = PrismProxy.launch("prism-verify-v2", verifyDocument, upstream, nodeModules, outputDirectory);
        try {
            api.awaitReady();
            verify.awaitReady();
            PrismRouter router = new PrismRouter(Map.of("/2010-04-01/", api.baseUrl(), "/v2/", verify.baseUrl()));
            return new CheckedTwilio(emulator, api, verify, router);
        } catch (RuntimeException | IOException | InterruptedException e) {
            api.close();
            verify.close();
            emulator.close();
            throw e;
        }
    }

    /** The environment a deployment would set to point the connector at this Twilio (auth token). */
    Map<String, String> environment() {
        return Map.of("TWILIO_ACCOUNT", ACCOUNT, "TWILIO_TOKEN", TOKEN, "TWILIO_API_BASE_URL", baseUrl());
    }

    /** The router: what TWILIO_API_BASE_URL names. */
    String baseUrl() {
        return router.baseUrl();
    }

    /** The api.twilio.com Prism itself, without the router, for requests the test writes by hand. */
    String apiPrismUrl() {
        return api.baseUrl();
    }

    /** Twilio behind the Prisms: for history to read and for answers that break Twilio's schema on purpose. */
    TwilioEmulator emulator() {
        return emulator;
    }

    /** Every request that reached the router since {@link #forgetExchanges()}, oldest first, with Prism's verdict. */
    List<Exchange> exchanges() {
        return router.exchanges();
    }

    /** The requests Prism let through to Twilio since {@link #forgetExchanges()}, oldest first, as Twilio received them. */
    List<RecordedRequest> forwarded() {
        List<RecordedRequest> all = emulator.requests();
        return all.subList(Math.min(requestsBefore, all.size()), all.size());
    }

    /** Starts the next test's journal; what the emulator holds (messages, verifications) stays. */
    void forgetExchanges() {
        router.forget();
        requestsBefore = emulator.requests().size();
    }

    /** Before each test: an empty journal and a Twilio as it was started. */
    void reset() {
        emulator.reset();
        forgetExchanges();
    }

    @Override
    public void close() {
        router.close();
        api.close();
        verify.close();
        emulator.close();
    }
}

package dev.twilioconnector.contract;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SEND_SMS with media. Twilio takes several media URLs as the form key {@code MediaUrl} repeated, and
 * Prism 5.16 cannot read that: it keeps only the last value of a repeated form key (and, without the
 * encoding {@link PrismDocument} writes out, not even one). So the test with several URLs checks the
 * wire shape itself and lets Prism judge each URL in a copy of the request that carries only that one.
 * One URL alone Prism judges like any other option ({@link SendSmsOptionsContractTest}).
 */
class SendSmsMediaContractTest extends ContractTest {

    @Test
    void severalMediaUrlsAreRepeatedKeysAndPrismAcceptsEachOfThem() throws IOException, InterruptedException {
        List<String> urls = List.of("https://example.com/ticket.png", "https://example.com/map.jpg", "https://example.com/seat.gif");

        // Prism takes the request, but it judges only the last MediaUrl: it keeps the last of repeated keys.
        Exchange request = sendSms(Map.of("smsFrom", "+15005550006", "smsTo", "+15551230001",
                "smsMediaUrl", String.join(", ", urls)), "+15551230001");

        // The shape Twilio documents for a list in a form: the key once per value, in order.
        assertThat(request.form()).containsEntry("MediaUrl", urls).doesNotContainKey("Body");
        // The adapted requests: the connector's own request, with one MediaUrl each, straight to Prism.
        for (String url : urls) {
            Map<String, List<String>> oneUrl = new LinkedHashMap<>(request.form());
            oneUrl.put("MediaUrl", List.of(url));
            HttpResponse<String> answer = PrismClient.postForm(twilio.apiPrismUrl() + request.url(), request.authorization(), Exchange.encode(oneUrl));
            assertThat(answer.statusCode()).as("Prism's answer to the request with only MediaUrl %s: %s", url, answer.body())
                    .isEqualTo(201);
        }
    }
}

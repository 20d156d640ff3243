package dev.twilioconnector.contract;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpResponse;

import static dev.twilioconnector.contract.CheckedTwilio.AUTHORIZATION;
import static dev.twilioconnector.contract.CheckedTwilio.MESSAGES;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where Prism 5.16 itself reads Twilio's requests wrongly, pinned down, because the media and date-filter
 * tests work around exactly these. Should a newer Prism fix one, its test here fails: then the
 * workaround can go.
 */
class PrismLimitationsTest extends ContractTest {

    @Test
    void ofARepeatedFormKeyPrismJudgesOnlyTheLastValue() throws IOException, InterruptedException {
        // the first MediaUrl is no URL at all; alone it is refused (PrismDetectsViolationsTest)
        int status = PrismClient.postForm(twilio.apiPrismUrl() + MESSAGES, AUTHORIZATION,
                "To=%2B15551230001&From=%2B15005550006&MediaUrl=ticket.png&MediaUrl=https%3A%2F%2Fexample.com%2Fmap.jpg").statusCode();

        assertThat(status).isEqualTo(201);
    }

    @Test
    void prismTakesAnyTextForTheDateSentRangeParameters() throws IOException, InterruptedException {
        String messages = twilio.apiPrismUrl() + MESSAGES;

        assertThat(PrismClient.get(messages + "?DateSent=yesterday", AUTHORIZATION).statusCode()).as("refused by Prism").isEqualTo(422);
        // Passed on: Twilio (the emulator) is the one that refuses the date, with its own 400 and code 20001.
        for (String name : new String[]{"DateSent%3E", "DateSent%3C"}) {
            HttpResponse<String> answer = PrismClient.get(messages + "?" + name + "=yesterday", AUTHORIZATION);
            assertThat(answer.statusCode()).as("%s=yesterday", name).isEqualTo(400);
            assertThat(answer.body()).contains("\"code\":20001");
        }
        assertThat(twilio.forwarded()).as("the two requests Prism let through").hasSize(2);
    }
}

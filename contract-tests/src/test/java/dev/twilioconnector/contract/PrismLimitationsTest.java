package dev.twilioconnector.contract;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where Prism 5.16 itself reads Twilio's requests wrongly, pinned down, because the media and date-filter
 * tests work around exactly these. Should a newer Prism fix one, its test here fails: then the
 * workaround can go.
 */
@ExtendWith(TwilioContract.class)
class PrismLimitationsTest {

    private static final String MESSAGES = "/2010-04-01/Accounts/" + MockedTwilio.ACCOUNT + "/Messages.json";
    private static final String AUTH = PrismClient.basicAuth(MockedTwilio.ACCOUNT, MockedTwilio.TOKEN);

    private final MockedTwilio twilio;

    PrismLimitationsTest(MockedTwilio twilio) {
        this.twilio = twilio;
    }

    @Test
    void ofARepeatedFormKeyPrismJudgesOnlyTheLastValue() throws IOException, InterruptedException {
        // the first MediaUrl is no URL at all; alone it is refused (PrismDetectsViolationsTest)
        int status = PrismClient.postForm(twilio.apiPrismUrl() + MESSAGES, AUTH,
                "To=%2B15551230001&From=%2B15005550006&MediaUrl=ticket.png&MediaUrl=https%3A%2F%2Fexample.com%2Fmap.jpg").statusCode();

        assertThat(status).isEqualTo(201);
    }

    @Test
    void prismTakesAnyTextForTheDateSentRangeParameters() throws IOException, InterruptedException {
        String messages = twilio.apiPrismUrl() + MESSAGES;

        assertThat(PrismClient.get(messages + "?DateSent=yesterday", AUTH).statusCode()).isEqualTo(422);
        assertThat(PrismClient.get(messages + "?DateSent%3E=yesterday", AUTH).statusCode()).isEqualTo(200);
        assertThat(PrismClient.get(messages + "?DateSent%3C=yesterday", AUTH).statusCode()).isEqualTo(200);
    }
}

package dev.twilioconnector.contract;

import dev.twilioconnector.emulator.Fault;
import dev.twilioconnector.emulator.RequestMatch;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpResponse;

import static dev.twilioconnector.contract.CheckedTwilio.AUTHORIZATION;
import static dev.twilioconnector.contract.CheckedTwilio.MESSAGES;
import static dev.twilioconnector.contract.Verdicts.assertPrismAccepted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Negative controls: requests, and answers of Twilio's, that break Twilio's schema on purpose. They prove
 * that Prism, as this suite runs it, refuses such a request with 422 before it reaches Twilio and turns such
 * an answer into a 500, and that the check every other test makes ({@link Verdicts#assertPrismAccepted})
 * then fails; a suite that cannot fail would prove nothing.
 */
class PrismDetectsViolationsTest extends ContractTest {

    @Test
    void prismAnswers422ToAMessageWithoutRecipient() throws IOException, InterruptedException {
        HttpResponse<String> answer = PrismClient.postForm(twilio.apiPrismUrl() + MESSAGES, AUTHORIZATION, "From=%2B15005550006&Body=Hi");

        assertThat(answer.statusCode()).isEqualTo(422);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("problem+json"));
        assertThat(answer.body()).contains("UNPROCESSABLE_ENTITY", "required", "'To'");
        assertThat(twilio.forwarded()).as("requests that reached Twilio").isEmpty();
    }

    @Test
    void anAnswerThatBreaksTwiliosSchemaFailsTheSuitesCheck() throws IOException, InterruptedException {
        twilio.emulator().fail(Fault.answer(201, "application/json", "{\"sid\":5,\"status\":\"teleported\"}"),
                RequestMatch.messageCreation());

        PrismClient.postForm(twilio.baseUrl() + MESSAGES, AUTHORIZATION, "To=%2B15551230001&From=%2B15005550006&Body=Hi");

        assertThat(twilio.exchanges()).singleElement().satisfies(exchange -> {
            assertThat(exchange.status()).isEqualTo(500);
            assertThat(exchange.answer()).contains("VIOLATIONS", "status", "sid");
        });
        assertThatThrownBy(() -> assertPrismAccepted(twilio, 1)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("500").hasMessageContaining("Response body property status");
    }

    @Test
    void theSuitesCheckFailsWhenPrismRefusesARequest() throws IOException, InterruptedException {
        // through the router, as the connector's requests go: the journal records Prism's 422
        PrismClient.postForm(twilio.baseUrl() + "/v2/Services/VA0123456789abcdef0123456789abcdef/Verifications", AUTHORIZATION, "To=%2B15551230001");

        assertThat(twilio.exchanges()).singleElement().satisfies(exchange -> {
            assertThat(exchange.status()).isEqualTo(422);
            assertThat(exchange.answer()).contains("Channel");
        });
        assertThatThrownBy(() -> assertPrismAccepted(twilio, 1)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("422").hasMessageContaining("Channel");
    }

    @Test
    void aMediaUrlThatIsNoUrlIsStillRefusedWithTheEncodingWrittenOut() throws IOException, InterruptedException {
        // PrismDocument writes out the form encoding of MediaUrl; Prism must still check each value against the schema
        HttpResponse<String> answer = PrismClient.postForm(twilio.apiPrismUrl() + MESSAGES, AUTHORIZATION,
                "To=%2B15551230001&From=%2B15005550006&MediaUrl=ticket.png");

        assertThat(answer.statusCode()).isEqualTo(422);
        assertThat(answer.body()).contains("MediaUrl");
    }
}

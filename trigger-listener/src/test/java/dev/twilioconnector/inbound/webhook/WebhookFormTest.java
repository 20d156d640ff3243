package dev.twilioconnector.inbound.webhook;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A servlet container merges the query string's parameters (first) and the form body's into one
 * parameter map; the mock request is filled the same way.
 */
class WebhookFormTest {

    private static MockHttpServletRequest request(String queryString) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/twilio/sms");
        request.setContentType("application/x-www-form-urlencoded");
        request.setQueryString(queryString);
        return request;
    }

    @Test
    void bodyParametersAreFormParameters() {
        MockHttpServletRequest request = request(null);
        request.addParameter("MessageSid", "SM1");
        request.addParameter("Body", "Order Number 4711");

        assertThat(form(request))
                .containsExactlyInAnyOrderEntriesOf(Map.of("MessageSid", "SM1", "Body", "Order Number 4711"));
    }

    @Test
    void queryParametersAreNotFormParameters() {
        MockHttpServletRequest request = request("tenant=acme&lang=de");
        request.addParameter("tenant", "acme");
        request.addParameter("lang", "de");
        request.addParameter("MessageSid", "SM1");

        Map<String, String> form = form(request);

        assertThat(form).containsExactly(Map.entry("MessageSid", "SM1"));
    }

    @Test
    void aNameInBothKeepsTheBodyValue() {
        MockHttpServletRequest request = request("Body=from%20query&tenant=acme");
        request.addParameter("Body", "from query");
        request.addParameter("tenant", "acme");
        request.addParameter("Body", "from body");
        request.addParameter("MessageSid", "SM1");

        Map<String, String> form = form(request);

        assertThat(form).containsEntry("Body", "from body").containsEntry("MessageSid", "SM1").doesNotContainKey("tenant");
        assertThat(form).hasSize(2);
    }

    @Test
    void aNameRepeatedInTheQueryIsSkippedAsOftenAsItAppearsThere() {
        MockHttpServletRequest request = request("x=1&x=2");
        request.addParameter("x", "1", "2", "body");

        assertThat(form(request)).containsExactly(Map.entry("x", "body"));
    }

    @Test
    void encodedQueryNamesAreDecodedBeforeCounting() {
        MockHttpServletRequest request = request("my+name=1&caf%C3%A9=2");
        request.addParameter("my name", "1");
        request.addParameter("caf\u00e9", "2");
        request.addParameter("Body", "hi");

        assertThat(form(request)).containsExactly(Map.entry("Body", "hi"));
    }

    @Test
    void aQueryNameWithoutValueIsCounted() {
        MockHttpServletRequest request = request("flag");
        request.addParameter("flag", "");
        request.addParameter("Body", "hi");

        assertThat(form(request)).containsExactly(Map.entry("Body", "hi"));
    }

    @Test
    void aRepeatedBodyParameterKeepsEveryValueAndReadsAsItsFirst() throws Exception {
        MockHttpServletRequest request = request(null);
        request.addParameter("Body", "first", "second");

        assertThat(WebhookForm.read(request).values()).containsExactly(Map.entry("Body", List.of("first", "second")));
        assertThat(form(request)).containsExactly(Map.entry("Body", "first"));
    }

    @Test
    void aQueryNameThatDoesNotDecodeIsCountedAsWritten() {
        MockHttpServletRequest request = request("%zz=1");
        request.addParameter("%zz", "1");
        request.addParameter("Body", "hi");

        assertThat(form(request)).containsExactly(Map.entry("Body", "hi"));
    }

    @Test
    void parametersTheContainerCannotDecodeMakeTheFormUnreadable() {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/twilio/sms") {
            @Override
            public Map<String, String[]> getParameterMap() {
                throw new IllegalStateException("invalid parameters");
            }
        };

        assertThatThrownBy(() -> WebhookForm.read(request)).isInstanceOf(WebhookForm.Unreadable.class);
    }

    private static Map<String, String> form(MockHttpServletRequest request) {
        try {
            return WebhookForm.read(request).firstValues();
        } catch (WebhookForm.Unreadable e) {
            throw new AssertionError(e);
        }
    }
}

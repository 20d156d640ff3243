package dev.twilioconnector.inbound.webhook;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.mock.web.MockHttpServletRequest;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

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

    /**
     * The form is the container's parameters less what the query string put there: each name the query
     * names counts once for each time it names it, however the query writes the name.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource
    void theFormIsWhatTheBodyPosted(String query, List<Map.Entry<String, String>> containerParameters, Map<String, String> form) {
        MockHttpServletRequest request = request(query);
        containerParameters.forEach(parameter -> request.addParameter(parameter.getKey(), parameter.getValue()));

        assertThat(form(request)).containsExactlyInAnyOrderEntriesOf(form);
    }

    static Stream<Arguments> theFormIsWhatTheBodyPosted() {
        return Stream.of(
                arguments(named("body parameters are form parameters", null),
                        List.of(entry("MessageSid", "SM1"), entry("Body", "Order Number 4711")),
                        Map.of("MessageSid", "SM1", "Body", "Order Number 4711")),
                arguments(named("query parameters are not form parameters", "tenant=acme&lang=de"),
                        List.of(entry("tenant", "acme"), entry("lang", "de"), entry("MessageSid", "SM1")),
                        Map.of("MessageSid", "SM1")),
                arguments(named("a name in both keeps the body's value", "Body=from%20query&tenant=acme"),
                        List.of(entry("Body", "from query"), entry("tenant", "acme"), entry("Body", "from body"), entry("MessageSid", "SM1")),
                        Map.of("Body", "from body", "MessageSid", "SM1")),
                arguments(named("a name repeated in the query is skipped as often as it appears there", "x=1&x=2"),
                        List.of(entry("x", "1"), entry("x", "2"), entry("x", "body")),
                        Map.of("x", "body")),
                arguments(named("encoded names are decoded before counting", "my+name=1&caf%C3%A9=2"),
                        List.of(entry("my name", "1"), entry("caf\u00e9", "2"), entry("Body", "hi")),
                        Map.of("Body", "hi")),
                arguments(named("a name without value is counted", "flag"),
                        List.of(entry("flag", ""), entry("Body", "hi")),
                        Map.of("Body", "hi")),
                arguments(named("a name that does not decode is counted as written", "%zz=1"),
                        List.of(entry("%zz", "1"), entry("Body", "hi")),
                        Map.of("Body", "hi")));
    }

    @Test
    void aRepeatedBodyParameterKeepsEveryValueAndReadsAsItsFirst() throws Exception {
        MockHttpServletRequest request = request(null);
        request.addParameter("Body", "first", "second");

        assertThat(WebhookForm.read(request).values()).containsExactly(Map.entry("Body", List.of("first", "second")));
        assertThat(form(request)).containsExactly(Map.entry("Body", "first"));
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

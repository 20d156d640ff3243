package dev.twilioconnector.core.http;

import com.twilio.http.HttpMethod;
import com.twilio.http.Request;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RebasedRequestTest {

    private static final String PATH = "/2010-04-01/Accounts/AC0123456789abcdef0123456789abcdef/Messages.json";

    @Test
    void movesHostAndKeepsPathAuthAndParameters() {
        Request original = new Request(HttpMethod.POST, "api", PATH);
        original.setAuth("AC0123456789abcdef0123456789abcdef", "secret");
        original.addPostParam("To", "+15551230001");
        original.addPostParam("Body", "a & b");
        original.addHeaderParam("X-Custom", "1");

        Request rebased = RebasedRequest.rebase(original, URI.create("http://127.0.0.1:9/sandbox"));

        assertThat(rebased.constructURL().toString()).isEqualTo("http://127.0.0.1:9/sandbox" + PATH);
        assertThat(rebased.getMethod()).isEqualTo(HttpMethod.POST);
        assertThat(rebased.getAuthString()).isEqualTo(original.getAuthString());
        assertThat(rebased.getPostParams()).isEqualTo(original.getPostParams());
        assertThat(rebased.getHeaderParams()).isEqualTo(original.getHeaderParams());
        assertThat(rebased.getContentType()).isEqualTo(original.getContentType());
    }

    @Test
    void keepsRawQueryOfAFullUrl() {
        Request original = new Request(HttpMethod.GET,
                "https://api.twilio.com" + PATH + "?To=%2B15551230001&PageSize=2&Page=1&PageToken=PAabc%3D%3D");

        Request rebased = RebasedRequest.rebase(original, URI.create("http://localhost:8080"));

        assertThat(rebased.constructURL().toString())
                .isEqualTo("http://localhost:8080" + PATH + "?To=%2B15551230001&PageSize=2&Page=1&PageToken=PAabc%3D%3D");
    }

    @Test
    void appendsQueryParametersAfterAnExistingQuery() {
        Request original = new Request(HttpMethod.GET, "https://api.twilio.com" + PATH + "?Page=1");
        original.addQueryParam("PageSize", "2");

        Request rebased = RebasedRequest.rebase(original, URI.create("http://localhost:8080"));

        assertThat(rebased.constructURL().toString()).isEqualTo("http://localhost:8080" + PATH + "?Page=1&PageSize=2");
        assertThat(rebased.getQueryParams()).containsEntry("PageSize", List.of("2"));
    }

    @Test
    void ignoresRegionAndEdgeHosts() {
        Request original = new Request(HttpMethod.GET, "api", PATH, "ie1");
        original.setEdge("dublin");

        assertThat(RebasedRequest.rebase(original, URI.create("http://localhost:8080")).constructURL().toString())
                .isEqualTo("http://localhost:8080" + PATH);
    }
}

package dev.twilioconnector.inbound.webhook;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookUrlTest {

    private static MockHttpServletRequest request(String scheme, String host, int port, String contextPath, String path) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", contextPath + path);
        request.setScheme(scheme);
        request.setServerName(host);
        request.setServerPort(port);
        request.setContextPath(contextPath);
        return request;
    }

    private static MockHttpServletRequest local() {
        return request("http", "10.0.0.7", 8080, "", "/twilio/sms");
    }

    // --- twilio.webhook.public-url set ---

    @Test
    void publicUrlPlusThePath() {
        assertThat(WebhookUrl.of(local(), URI.create("https://sms.example.com")))
                .isEqualTo("https://sms.example.com/twilio/sms");
    }

    @Test
    void aTrailingSlashOnThePublicUrlIsNotDoubled() {
        assertThat(WebhookUrl.of(local(), URI.create("https://sms.example.com/")))
                .isEqualTo("https://sms.example.com/twilio/sms");
        assertThat(WebhookUrl.of(local(), URI.create("https://sms.example.com//")))
                .isEqualTo("https://sms.example.com/twilio/sms");
    }

    @Test
    void thePathWithinTheApplicationIsAppendedToThePublicContextPath() {
        MockHttpServletRequest request = request("http", "10.0.0.7", 8080, "/app", "/twilio/sms");

        assertThat(request.getRequestURI()).isEqualTo("/app/twilio/sms");
        assertThat(WebhookUrl.of(request, URI.create("https://sms.example.com/public/")))
                .isEqualTo("https://sms.example.com/public/twilio/sms");
        assertThat(WebhookUrl.of(request, URI.create("https://sms.example.com/public")))
                .isEqualTo("https://sms.example.com/public/twilio/sms");
        assertThat(WebhookUrl.of(request, URI.create("https://sms.example.com")))
                .isEqualTo("https://sms.example.com/twilio/sms");
    }

    @Test
    void aPublicUrlWithPortAndContextPath() {
        assertThat(WebhookUrl.of(local(), URI.create("https://sms.example.com:8443/crm")))
                .isEqualTo("https://sms.example.com:8443/crm/twilio/sms");
    }

    @Test
    void theQueryStringIsKeptWithAPublicUrl() {
        MockHttpServletRequest request = local();
        request.setQueryString("tenant=acme&lang=de");

        assertThat(WebhookUrl.of(request, URI.create("https://sms.example.com/")))
                .isEqualTo("https://sms.example.com/twilio/sms?tenant=acme&lang=de");
    }

    @Test
    void forwardedHeadersAreIgnoredWhenThePublicUrlIsSet() {
        MockHttpServletRequest request = local();
        request.addHeader("X-Forwarded-Proto", "http");
        request.addHeader("X-Forwarded-Host", "evil.example.com");

        assertThat(WebhookUrl.of(request, URI.create("https://sms.example.com")))
                .isEqualTo("https://sms.example.com/twilio/sms");
    }

    // --- no public URL: the request itself ---

    @Test
    void aPlainRequestKeepsANonDefaultPort() {
        assertThat(WebhookUrl.of(local(), null)).isEqualTo("http://10.0.0.7:8080/twilio/sms");
    }

    @Test
    void aPlainRequestDropsTheDefaultPort() {
        assertThat(WebhookUrl.of(request("http", "sms.example.com", 80, "", "/twilio/sms"), null))
                .isEqualTo("http://sms.example.com/twilio/sms");
        assertThat(WebhookUrl.of(request("https", "sms.example.com", 443, "", "/twilio/sms"), null))
                .isEqualTo("https://sms.example.com/twilio/sms");
    }

    @Test
    void anHttpsRequestOnPort80KeepsIt() {
        assertThat(WebhookUrl.of(request("https", "sms.example.com", 80, "", "/twilio/sms"), null))
                .isEqualTo("https://sms.example.com:80/twilio/sms");
    }

    @Test
    void aPlainRequestKeepsItsContextPathAndQuery() {
        MockHttpServletRequest request = request("https", "sms.example.com", 443, "/app", "/twilio/sms");
        request.setQueryString("a=1&b=two");

        assertThat(WebhookUrl.of(request, null)).isEqualTo("https://sms.example.com/app/twilio/sms?a=1&b=two");
    }

    // --- no public URL, behind a proxy ---

    @Test
    void forwardedProtoAndHostWithoutPortHeaderGiveNoPort() {
        MockHttpServletRequest request = local();
        request.addHeader("X-Forwarded-Proto", "https");
        request.addHeader("X-Forwarded-Host", "sms.example.com");

        assertThat(WebhookUrl.of(request, null)).isEqualTo("https://sms.example.com/twilio/sms");
    }

    @Test
    void aForwardedPortIsKept() {
        MockHttpServletRequest request = local();
        request.addHeader("X-Forwarded-Proto", "https");
        request.addHeader("X-Forwarded-Host", "sms.example.com");
        request.addHeader("X-Forwarded-Port", "8443");

        assertThat(WebhookUrl.of(request, null)).isEqualTo("https://sms.example.com:8443/twilio/sms");
    }

    @Test
    void aForwardedDefaultPortIsDropped() {
        MockHttpServletRequest request = local();
        request.addHeader("X-Forwarded-Proto", "https");
        request.addHeader("X-Forwarded-Host", "sms.example.com");
        request.addHeader("X-Forwarded-Port", "443");

        assertThat(WebhookUrl.of(request, null)).isEqualTo("https://sms.example.com/twilio/sms");
    }

    @Test
    void aPortInTheForwardedHost() {
        MockHttpServletRequest request = local();
        request.addHeader("X-Forwarded-Proto", "https");
        request.addHeader("X-Forwarded-Host", "sms.example.com:8443");

        assertThat(WebhookUrl.of(request, null)).isEqualTo("https://sms.example.com:8443/twilio/sms");
    }

    @Test
    void theForwardedPortHeaderWinsOverAPortInTheForwardedHost() {
        MockHttpServletRequest request = local();
        request.addHeader("X-Forwarded-Proto", "https");
        request.addHeader("X-Forwarded-Host", "sms.example.com:9000");
        request.addHeader("X-Forwarded-Port", "8443");

        assertThat(WebhookUrl.of(request, null)).isEqualTo("https://sms.example.com:8443/twilio/sms");
    }

    @Test
    void anIpv6ForwardedHost() {
        MockHttpServletRequest request = local();
        request.addHeader("X-Forwarded-Proto", "https");
        request.addHeader("X-Forwarded-Host", "[2001:db8::1]");

        assertThat(WebhookUrl.of(request, null)).isEqualTo("https://[2001:db8::1]/twilio/sms");

        MockHttpServletRequest withPort = local();
        withPort.addHeader("X-Forwarded-Proto", "https");
        withPort.addHeader("X-Forwarded-Host", "[2001:db8::1]:8443");

        assertThat(WebhookUrl.of(withPort, null)).isEqualTo("https://[2001:db8::1]:8443/twilio/sms");
    }

    @Test
    void multiValueHeadersTakeTheFirst() {
        MockHttpServletRequest request = local();
        request.addHeader("X-Forwarded-Proto", "https, http");
        request.addHeader("X-Forwarded-Host", "sms.example.com, internal-lb.local");
        request.addHeader("X-Forwarded-Port", "8443,80");

        assertThat(WebhookUrl.of(request, null)).isEqualTo("https://sms.example.com:8443/twilio/sms");
    }

    @Test
    void theForwardedProtoIsLowerCased() {
        MockHttpServletRequest request = local();
        request.addHeader("X-Forwarded-Proto", "HTTPS");
        request.addHeader("X-Forwarded-Host", "sms.example.com");

        assertThat(WebhookUrl.of(request, null)).isEqualTo("https://sms.example.com/twilio/sms");
    }

    @Test
    void aForwardedProtoAloneKeepsTheRequestHostWithoutItsInternalPort() {
        MockHttpServletRequest request = local();
        request.setServerName("sms.example.com");
        request.addHeader("X-Forwarded-Proto", "https");

        assertThat(WebhookUrl.of(request, null)).isEqualTo("https://sms.example.com/twilio/sms");
    }

    @Test
    void aForwardedHostWithoutProtoKeepsTheRequestScheme() {
        MockHttpServletRequest request = local();
        request.addHeader("X-Forwarded-Host", "sms.example.com");

        assertThat(WebhookUrl.of(request, null)).isEqualTo("http://sms.example.com/twilio/sms");
    }

    @Test
    void blankForwardedHeadersAreIgnored() {
        MockHttpServletRequest request = local();
        request.addHeader("X-Forwarded-Proto", " ");
        request.addHeader("X-Forwarded-Host", "");

        assertThat(WebhookUrl.of(request, null)).isEqualTo("http://10.0.0.7:8080/twilio/sms");
    }

    @Test
    void theQueryStringIsKeptBehindAProxy() {
        MockHttpServletRequest request = local();
        request.addHeader("X-Forwarded-Proto", "https");
        request.addHeader("X-Forwarded-Host", "sms.example.com");
        request.setQueryString("tenant=acme");

        assertThat(WebhookUrl.of(request, null)).isEqualTo("https://sms.example.com/twilio/sms?tenant=acme");
    }
}

package dev.twilioconnector.inbound.webhook;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Known vectors, computed independently of this code and of the Twilio SDK with Python's standard
 * library (HMAC-SHA1 keyed with the auth token over the URL followed by name+value of every POST
 * parameter sorted by name, UTF-8, base64). Each constant gives the exact command that produced it.
 */
class SignatureCheckTest {

    private static final String TOKEN = "12345";
    private static final String URL = "https://sms.example.com/twilio/sms";
    private static final String URL_WITH_QUERY = "https://sms.example.com/twilio/sms?tenant=acme&lang=de";
    private static final String URL_WITH_DEFAULT_PORT = "https://sms.example.com:443/twilio/sms";
    private static final String URL_WITH_OTHER_PORT = "https://sms.example.com:8443/twilio/sms";
    private static final String UNICODE_BODY = "Gr\u00fc\u00dfe \uD83D\uDE00 1+1=2 + caf\u00e9";

    /*
     * python3 -c "import hmac,hashlib,base64; print(base64.b64encode(hmac.new(b'12345', ('https://sms.example.com/twilio/sms' + ''.join(k+v for k,v in sorted({'MessageSid':'SM0123456789abcdef0123456789abcdef','From':'+14155551234','To':'+14155550000','Body':'Order Number 4711'}.items()))).encode('utf-8'), hashlib.sha1).digest()).decode())"
     */
    private static final String SIGNATURE_PLAIN = "7azTUBG4Sr35AheYWKlqgjMSxvM=";

    /*
     * python3 -c "import hmac,hashlib,base64; print(base64.b64encode(hmac.new(b'12345', ('https://sms.example.com/twilio/sms?tenant=acme&lang=de' + ''.join(k+v for k,v in sorted({'MessageSid':'SM0123456789abcdef0123456789abcdef','From':'+14155551234','To':'+14155550000','Body':'Order Number 4711'}.items()))).encode('utf-8'), hashlib.sha1).digest()).decode())"
     */
    private static final String SIGNATURE_WITH_QUERY = "yMmklphjZSm63a/6cT9u0oK0b3k=";

    /*
     * python3 -c "import hmac,hashlib,base64; print(base64.b64encode(hmac.new(b'12345', ('https://sms.example.com/twilio/sms' + ''.join(k+v for k,v in sorted({'MessageSid':'SM0123456789abcdef0123456789abcdef','From':'+14155551234','To':'+14155550000','Body':'Gr\u00fc\u00dfe \U0001F600 1+1=2 + caf\u00e9'}.items()))).encode('utf-8'), hashlib.sha1).digest()).decode())"
     */
    private static final String SIGNATURE_UNICODE = "8r2OkHNMIWm9k8hmmjuj2NAXpfE=";

    /*
     * python3 -c "import hmac,hashlib,base64; print(base64.b64encode(hmac.new(b'12345', ('https://sms.example.com:443/twilio/sms' + ''.join(k+v for k,v in sorted({'MessageSid':'SM0123456789abcdef0123456789abcdef','From':'+14155551234','To':'+14155550000','Body':'Order Number 4711'}.items()))).encode('utf-8'), hashlib.sha1).digest()).decode())"
     */
    private static final String SIGNATURE_WITH_DEFAULT_PORT = "9mwCsK3BERqX051Ki86HWrKcdYw=";

    /*
     * python3 -c "import hmac,hashlib,base64; print(base64.b64encode(hmac.new(b'12345', ('https://sms.example.com:8443/twilio/sms' + ''.join(k+v for k,v in sorted({'MessageSid':'SM0123456789abcdef0123456789abcdef','From':'+14155551234','To':'+14155550000','Body':'Order Number 4711'}.items()))).encode('utf-8'), hashlib.sha1).digest()).decode())"
     */
    private static final String SIGNATURE_WITH_OTHER_PORT = "jYRT5BHiOUBH4bK34gMJKDMwLZs=";

    /*
     * A repeated name, signed as Twilio's helper libraries sign it (each distinct value, sorted):
     * python3 -c "import hmac,hashlib,base64; p={'MessageSid':['SM0123456789abcdef0123456789abcdef'],'Body':['Order Number 4711'],'MediaUrl':['https://b.example/2','https://a.example/1','https://b.example/2']}; print(base64.b64encode(hmac.new(b'12345', ('https://sms.example.com/twilio/sms' + ''.join(k+v for k in sorted(p) for v in sorted(set(p[k])))).encode('utf-8'), hashlib.sha1).digest()).decode())"
     */
    private static final String SIGNATURE_REPEATED_NAME = "vPFWrzZ6qOaDyNBkAylob+1ovqA=";

    private final SignatureCheck check = new SignatureCheck(TOKEN);

    private static Map<String, String> params() {
        Map<String, String> params = new HashMap<>();
        params.put("MessageSid", "SM0123456789abcdef0123456789abcdef");
        params.put("From", "+14155551234");
        params.put("To", "+14155550000");
        params.put("Body", "Order Number 4711");
        return params;
    }

    private static Map<String, String> unicodeParams() {
        Map<String, String> params = params();
        params.put("Body", UNICODE_BODY);
        return params;
    }

    // --- valid ---

    @Test
    void aRepeatedNameIsCheckedOverEachDistinctValueSorted() {
        Map<String, List<String>> posted = new LinkedHashMap<>();
        posted.put("MessageSid", List.of("SM0123456789abcdef0123456789abcdef"));
        posted.put("Body", List.of("Order Number 4711"));
        posted.put("MediaUrl", List.of("https://b.example/2", "https://a.example/1", "https://b.example/2"));
        Map<String, List<String>> firstOnly = new LinkedHashMap<>(posted);
        firstOnly.put("MediaUrl", List.of("https://b.example/2"));

        assertThat(check.isValid(URL, form(posted), SIGNATURE_REPEATED_NAME)).isTrue();
        assertThat(check.isValid(URL, form(firstOnly), SIGNATURE_REPEATED_NAME)).isFalse();
    }

    private static WebhookForm form(Map<String, List<String>> values) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/twilio/sms");
        values.forEach((name, all) -> request.addParameter(name, all.toArray(String[]::new)));
        try {
            return WebhookForm.read(request);
        } catch (WebhookForm.Unreadable e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aPlainHttpsUrl() {
        assertThat(check.isValid(URL, params(), SIGNATURE_PLAIN)).isTrue();
    }

    @Test
    void aUrlWithAQueryString() {
        assertThat(check.isValid(URL_WITH_QUERY, params(), SIGNATURE_WITH_QUERY)).isTrue();
    }

    @Test
    void aBodyWithUnicodeEmojiAndPlusSigns() {
        assertThat(UNICODE_BODY.codePointCount(0, UNICODE_BODY.length())).isEqualTo(UNICODE_BODY.length() - 1);
        assertThat(check.isValid(URL, unicodeParams(), SIGNATURE_UNICODE)).isTrue();
    }

    @Test
    void aUrlWithExplicitDefaultPortSignedWithoutIt() {
        assertThat(check.isValid(URL_WITH_DEFAULT_PORT, params(), SIGNATURE_PLAIN)).isTrue();
    }

    @Test
    void aUrlWithoutPortSignedWithTheExplicitDefaultPort() {
        assertThat(check.isValid(URL, params(), SIGNATURE_WITH_DEFAULT_PORT)).isTrue();
    }

    @Test
    void aUrlWithANonDefaultPort() {
        assertThat(check.isValid(URL_WITH_OTHER_PORT, params(), SIGNATURE_WITH_OTHER_PORT)).isTrue();
    }

    @Test
    void surroundingWhitespaceInTheHeaderIsIgnored() {
        assertThat(check.isValid(URL, params(), " " + SIGNATURE_PLAIN + " ")).isTrue();
    }

    @Test
    void theOrderOfTheParameterMapDoesNotMatter() {
        Map<String, String> reversed = new java.util.TreeMap<>(java.util.Comparator.reverseOrder());
        reversed.putAll(params());

        assertThat(check.isValid(URL, reversed, SIGNATURE_PLAIN)).isTrue();
    }

    // --- invalid ---

    @Test
    void aMissingSignature() {
        assertThat(check.isValid(URL, params(), null)).isFalse();
        assertThat(check.isValid(URL, params(), "")).isFalse();
        assertThat(check.isValid(URL, params(), "   ")).isFalse();
    }

    @Test
    void aWrongSignature() {
        assertThat(check.isValid(URL, params(), "AAAAAAAAAAAAAAAAAAAAAAAAAAA=")).isFalse();
        assertThat(check.isValid(URL, params(), "not base64 at all")).isFalse();
        assertThat(check.isValid(URL, params(), SIGNATURE_PLAIN.toLowerCase())).isFalse();
    }

    @Test
    void theSignatureOfAnotherUrl() {
        assertThat(check.isValid(URL, params(), SIGNATURE_WITH_QUERY)).isFalse();
        assertThat(check.isValid(URL_WITH_QUERY, params(), SIGNATURE_PLAIN)).isFalse();
        assertThat(check.isValid("https://evil.example.com/twilio/sms", params(), SIGNATURE_PLAIN)).isFalse();
        assertThat(check.isValid("http://sms.example.com/twilio/sms", params(), SIGNATURE_PLAIN)).isFalse();
    }

    @Test
    void aSignatureOverANonDefaultPortIsNotValidWithoutIt() {
        assertThat(check.isValid(URL, params(), SIGNATURE_WITH_OTHER_PORT)).isFalse();
        assertThat(check.isValid("https://sms.example.com:9443/twilio/sms", params(), SIGNATURE_WITH_OTHER_PORT)).isFalse();
    }

    @Test
    void aSignatureWithoutPortIsAlsoAcceptedOnANonDefaultPort() {
        // The Twilio SDK's RequestValidator also tries the URL with ANY port removed (not only 443/80):
        // a request Twilio signed for https://host/path is accepted on https://host:8443/path too.
        // The same host, path and parameters are still required, so this only widens the port.
        assertThat(check.isValid(URL_WITH_OTHER_PORT, params(), SIGNATURE_PLAIN)).isTrue();
    }

    @Test
    void aTamperedParameterValue() {
        Map<String, String> tampered = params();
        tampered.put("Body", "Order Number 4712");

        assertThat(check.isValid(URL, tampered, SIGNATURE_PLAIN)).isFalse();
    }

    @Test
    void aTamperedUnicodeBody() {
        Map<String, String> tampered = unicodeParams();
        tampered.put("Body", UNICODE_BODY.replace('+', ' '));

        assertThat(check.isValid(URL, tampered, SIGNATURE_UNICODE)).isFalse();
    }

    @Test
    void anAddedParameter() {
        Map<String, String> added = params();
        added.put("OptOutType", "STOP");

        assertThat(check.isValid(URL, added, SIGNATURE_PLAIN)).isFalse();
    }

    @Test
    void aRemovedParameter() {
        Map<String, String> removed = params();
        removed.remove("To");

        assertThat(check.isValid(URL, removed, SIGNATURE_PLAIN)).isFalse();
    }

    @Test
    void anotherToken() {
        assertThat(new SignatureCheck("54321").isValid(URL, params(), SIGNATURE_PLAIN)).isFalse();
    }

    @Test
    void withoutAuthTokenNothingIsValid() {
        SignatureCheck noToken = new SignatureCheck(null);

        assertThat(noToken.isValid(URL, params(), SIGNATURE_PLAIN)).isFalse();
        assertThat(noToken.isValid(URL, params(), null)).isFalse();
    }
}

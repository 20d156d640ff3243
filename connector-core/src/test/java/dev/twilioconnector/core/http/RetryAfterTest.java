package dev.twilioconnector.core.http;

import com.twilio.http.Response;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.message.BasicHeader;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import static org.assertj.core.api.Assertions.assertThat;

class RetryAfterTest {

    private static final Instant NOW = Instant.parse("2025-01-01T12:00:00Z");

    private static String httpDate(Instant instant) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(instant.atOffset(ZoneOffset.UTC));
    }

    @Test
    void delaySeconds() {
        assertThat(RetryAfter.parse("0", NOW)).isZero();
        assertThat(RetryAfter.parse("5", NOW)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void httpDateInTheFuture() {
        assertThat(RetryAfter.parse(httpDate(NOW.plusSeconds(90)), NOW)).isEqualTo(Duration.ofSeconds(90));
        assertThat(RetryAfter.parse("Wed, 01 Jan 2025 12:00:30 GMT", NOW)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void httpDateInThePastMeansNow() {
        assertThat(RetryAfter.parse(httpDate(NOW.minusSeconds(10)), NOW)).isZero();
    }

    @Test
    void nonsenseIsIgnored() {
        assertThat(RetryAfter.parse("-3", NOW)).isNull();
        assertThat(RetryAfter.parse("soon", NOW)).isNull();
        assertThat(RetryAfter.parse("", NOW)).isNull();
        assertThat(RetryAfter.parse("1.5", NOW)).isNull();
    }

    @Test
    void readFromResponseHeadersCaseInsensitively() {
        Response response = new Response("", 429, new Header[] {new BasicHeader("retry-after", " 7 ")});
        assertThat(RetryAfter.of(response)).isEqualTo(Duration.ofSeconds(7));
        assertThat(RetryAfter.of(new Response("", 429, new Header[0]))).isNull();
        assertThat(RetryAfter.of(new Response("", 429))).isNull();
    }
}

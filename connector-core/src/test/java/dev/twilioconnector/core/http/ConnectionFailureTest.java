package dev.twilioconnector.core.http;

import com.twilio.exception.ApiException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.HttpHostConnectException;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectionFailureTest {

    private static ApiException wrapped(Throwable cause) {
        return new ApiException(cause.getMessage(), cause);
    }

    @Test
    void failuresBeforeAnyByteWasSent() {
        assertThat(ConnectionFailure.neverReachedServer(wrapped(new HttpHostConnectException("refused")))).isTrue();
        assertThat(ConnectionFailure.neverReachedServer(wrapped(new ConnectException("refused")))).isTrue();
        assertThat(ConnectionFailure.neverReachedServer(wrapped(new ConnectTimeoutException("connect timed out")))).isTrue();
        assertThat(ConnectionFailure.neverReachedServer(wrapped(new UnknownHostException("api.twilio.invalid")))).isTrue();
        assertThat(ConnectionFailure.neverReachedServer(wrapped(new NoRouteToHostException("no route")))).isTrue();
        assertThat(ConnectionFailure.neverReachedServer(new RuntimeException(wrapped(new ConnectException("deep"))))).isTrue();
    }

    @Test
    void failuresAfterTheRequestMayHaveArrived() {
        assertThat(ConnectionFailure.neverReachedServer(wrapped(new SocketTimeoutException("Read timed out")))).isFalse();
        assertThat(ConnectionFailure.neverReachedServer(wrapped(new NoHttpResponseException("failed to respond")))).isFalse();
        assertThat(ConnectionFailure.neverReachedServer(new ApiException("Server Error, no content", 500))).isFalse();
    }

    @Test
    void readTimeoutIsNotAConnectTimeout() {
        assertThat(ConnectionFailure.timedOutWaitingForAnswer(wrapped(new SocketTimeoutException("Read timed out")))).isTrue();
        assertThat(ConnectionFailure.timedOutWaitingForAnswer(wrapped(new ConnectTimeoutException("connect timed out")))).isFalse();
        assertThat(ConnectionFailure.timedOutWaitingForAnswer(wrapped(new ConnectException("refused")))).isFalse();
        assertThat(ConnectionFailure.timedOutWaitingForAnswer(null)).isFalse();
        assertThat(ConnectionFailure.neverReachedServer(null)).isFalse();
    }
}

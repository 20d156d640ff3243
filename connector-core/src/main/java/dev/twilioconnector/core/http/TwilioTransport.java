package dev.twilioconnector.core.http;

import com.twilio.exception.ApiException;
import com.twilio.http.HttpMethod;
import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import dev.twilioconnector.core.SendMetrics;
import dev.twilioconnector.core.settings.RetryPolicy;
import dev.twilioconnector.core.settings.TwilioSettings;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;

/**
 * The one HTTP path of every Twilio call: a pooled client whose timeouts really apply, every URL
 * moved to the configured base URL, and a retry policy of our own in place of the SDK's.
 *
 * <p>The SDK would re-send a request by itself on any 5xx (three times) and Apache's default strategy
 * on 429/503, POSTs included: for message creation that means duplicate SMS. Here a request is
 * repeated only where it cannot duplicate anything: after HTTP 429 (Twilio refused it) and when the
 * connection could not even be opened; GETs also after a 5xx.
 */
public final class TwilioTransport extends NetworkHttpClient implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TwilioTransport.class);
    private static final int TOO_MANY_REQUESTS = 429;

    private final URI baseUrl;
    private final RetryPolicy retry;
    private final LongAdder retries = new LongAdder();
    private final SendMetrics metrics;
    private final AdaptiveConcurrency concurrency;

    private TwilioTransport(HttpClientBuilder builder, URI baseUrl, RetryPolicy retry, SendMetrics metrics, int parallelism) {
        super(builder);
        this.baseUrl = TwilioSettings.TWILIO_API.equals(baseUrl) ? null : baseUrl;
        this.retry = retry;
        this.metrics = metrics;
        this.concurrency = new AdaptiveConcurrency(parallelism);
    }

    public static TwilioTransport create(TwilioSettings settings) {
        return create(settings, SendMetrics.NONE);
    }

    public static TwilioTransport create(TwilioSettings settings, SendMetrics metrics) {
        Timeout connect = timeout(settings.connectTimeout());
        Timeout read = timeout(settings.readTimeout());
        PoolingHttpClientConnectionManager connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(connect)
                        .setSocketTimeout(read)
                        .setTimeToLive(TimeValue.ofMinutes(5))
                        .build())
                .setDefaultSocketConfig(SocketConfig.custom().setSoTimeout(read).setSoKeepAlive(true).build())
                .setMaxConnPerRoute(Math.max(settings.parallelism(), 2))
                .setMaxConnTotal(Math.max(settings.parallelism() * 2, 4))
                .build();
        RequestConfig timeouts = RequestConfig.custom()
                .setConnectionRequestTimeout(connect)
                .setResponseTimeout(read)
                .build();
        HttpClientBuilder builder = HttpClientBuilder.create()
                .useSystemProperties()
                .setConnectionManager(connections)
                .setDefaultRequestConfig(timeouts)
                .disableAutomaticRetries()
                // Twilio's REST API sets no cookies and answers without redirects; the SDK sends its own Authorization header.
                .disableCookieManagement()
                .disableRedirectHandling()
                .disableAuthCaching()
                // The SDK asks for no compressed answers (Accept-Encoding: utf-8); a decompressing stage would only cost time.
                .disableContentCompression()
                .evictIdleConnections(TimeValue.ofSeconds(30))
                // The SDK stamps its own default config on every request (its bug #913); ours wins here.
                .addExecInterceptorFirst("twilio-connector-timeouts", (request, scope, chain) -> {
                    scope.clientContext.setRequestConfig(timeouts);
                    return chain.proceed(request, scope);
                });
        return new TwilioTransport(builder, settings.apiBaseUrl(), settings.retry(), metrics, settings.parallelism());
    }

    @Override
    public Response reliableRequest(Request request) {
        UtcTimestamps.complete(request);
        Request target = baseUrl == null ? request : RebasedRequest.rebase(request, baseUrl);
        for (int attempt = 1; ; attempt++) {
            Response response;
            try {
                response = limited(target);
            } catch (ApiException e) {
                if (attempt < retry.maxAttempts() && ConnectionFailure.neverReachedServer(e)) {
                    pause(attempt, null, "connection failed: " + e.getMessage());
                    continue;
                }
                throw e;
            }
            int status = response.getStatusCode();
            boolean retriable = status == TOO_MANY_REQUESTS || (status >= 500 && request.getMethod() == HttpMethod.GET);
            if (!retriable || attempt >= retry.maxAttempts()) {
                return ErrorAnswer.readable(response);
            }
            pause(attempt, RetryAfter.of(response), "HTTP " + status);
        }
    }

    /** One request, counted against the concurrency Twilio currently tolerates; waits for retries happen outside it. */
    private Response limited(Request target) {
        try {
            concurrency.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException("interrupted while waiting to send a Twilio request", e);
        }
        boolean throttled = false;
        try {
            Response response = makeRequest(target);
            throttled = response.getStatusCode() == TOO_MANY_REQUESTS;
            return response;
        } finally {
            concurrency.release(throttled);
        }
    }

    /** How many requests may be in flight now, as learned from Twilio's answers. */
    public int concurrencyLimit() {
        return concurrency.limit();
    }

    @Override
    public Response reliableRequest(Request request, int[] retryCodes, int retries, long delayMillis) {
        return reliableRequest(request);
    }

    /** How many requests were repeated since this transport was created. */
    public long retries() {
        return retries.sum();
    }

    private void pause(int failedAttempts, Duration retryAfter, String reason) {
        Duration delay = retry.delayAfter(failedAttempts, retryAfter);
        LOG.debug("Twilio request attempt {} failed ({}); retrying in {} ms", failedAttempts, reason, delay.toMillis());
        retries.increment();
        metrics.requestRetried();
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException("interrupted while waiting to retry a Twilio request", e);
        }
    }

    @Override
    public void close() {
        client.close(CloseMode.GRACEFUL);
    }

    private static Timeout timeout(Duration duration) {
        return Timeout.ofMilliseconds(duration.toMillis());
    }
}

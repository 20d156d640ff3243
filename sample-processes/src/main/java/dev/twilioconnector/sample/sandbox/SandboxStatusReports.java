package dev.twilioconnector.sample.sandbox;

import dev.twilioconnector.core.settings.TwilioSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * What Twilio does after accepting a message that has a {@code StatusCallback}: it reports the
 * message {@code sent}, then {@code delivered}, each as a signed form POST to the callback. A number
 * ending in {@value #UNREACHABLE_SUFFIX} stands for a phone that is switched off: its message ends
 * {@code undelivered} with error {@value #UNREACHABLE_CODE}. The stored message follows along, so
 * GET_MESSAGE and LIST_MESSAGES see the same status.
 */
public class SandboxStatusReports implements AutoCloseable {

    public static final String UNREACHABLE_SUFFIX = "0000";
    public static final int UNREACHABLE_CODE = 30003;
    /** Twilio reports seconds after accepting; so does the sandbox, which also gives the sending process time to commit its wait. */
    static final Duration STEP = Duration.ofSeconds(1);
    private static final Logger LOG = LoggerFactory.getLogger(SandboxStatusReports.class);

    private final SandboxMessages messages;
    private final TwilioSettings settings;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "sandbox-status-reports");
        thread.setDaemon(true);
        return thread;
    });
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    public SandboxStatusReports(SandboxMessages messages, TwilioSettings settings) {
        this.messages = messages;
        this.settings = settings;
    }

    /** Reports {@code message} to {@code callbackUrl} as it "travels": sent after one step, its outcome after two. */
    public void follow(SandboxMessage message, String callbackUrl, String accountSid) {
        boolean unreachable = message.to().endsWith(UNREACHABLE_SUFFIX);
        timer.schedule(() -> report(message.sid(), SandboxMessage.SENT, null, callbackUrl, accountSid),
                STEP.toMillis(), TimeUnit.MILLISECONDS);
        timer.schedule(() -> report(message.sid(), unreachable ? SandboxMessage.UNDELIVERED : SandboxMessage.DELIVERED,
                unreachable ? UNREACHABLE_CODE : null, callbackUrl, accountSid), 2 * STEP.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void report(String sid, String status, Integer errorCode, String callbackUrl, String accountSid) {
        SandboxMessage message = messages.find(sid).orElse(null);
        if (message == null) {
            return;
        }
        messages.update(message.withStatus(status));
        Map<String, String> form = new LinkedHashMap<>();
        form.put("AccountSid", accountSid);
        form.put("ApiVersion", TwilioJson.API_VERSION);
        form.put("MessageSid", sid);
        form.put("SmsSid", sid);
        form.put("MessageStatus", status);
        form.put("SmsStatus", status);
        form.put("To", message.to());
        form.put("From", message.from());
        if (errorCode != null) {
            form.put("ErrorCode", String.valueOf(errorCode));
        }
        try {
            HttpRequest request = SignedWebhookRequest.of(callbackUrl, callbackUrl, settings.authToken(), form, Duration.ofSeconds(30));
            int answer = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (answer >= 300) {
                LOG.warn("The status callback {} answered HTTP {} to the '{}' report of {}", callbackUrl, answer, status, sid);
            }
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.warn("The '{}' report of {} could not be posted to {}: {}", status, sid, callbackUrl, e.toString());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}

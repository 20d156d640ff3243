package dev.twilioconnector.sample.sandbox;

import dev.twilioconnector.emulator.TwilioEmulator;
import dev.twilioconnector.flowable.boot.TwilioProperties;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;

/**
 * Points the sandbox's phones at this application's own messaging webhook once the web server listens, on
 * the loopback interface and the port it really got, and has them sign over the URL the webhook checks:
 * {@code twilio.webhook.public-url} plus the path when set (sandbox mode sets it), else the URL called.
 */
public final class SandboxWebhook implements ApplicationListener<WebServerInitializedEvent> {

    private final TwilioEmulator emulator;
    private final TwilioProperties.Webhook webhook;
    private final Environment environment;

    SandboxWebhook(TwilioEmulator emulator, TwilioProperties.Webhook webhook, Environment environment) {
        this.emulator = emulator;
        this.webhook = webhook;
        this.environment = environment;
    }

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        if (event.getApplicationContext().getServerNamespace() != null) {
            // A management server on a port of its own: the webhook is not there.
            return;
        }
        String contextPath = environment.getProperty("server.servlet.context-path", "").replaceAll("/+$", "");
        String url = "http://" + SandboxMode.LOOPBACK + ":" + event.getWebServer().getPort() + contextPath + path();
        String signedUrl = webhook.publicUrl() == null ? url : webhook.publicUrl().toString().replaceAll("/+$", "") + path();
        emulator.incomingWebhook(url, signedUrl);
    }

    private String path() {
        String path = webhook.path().trim();
        return path.startsWith("/") ? path : "/" + path;
    }
}

package dev.twilioconnector.benchmarks.inbound;

import dev.twilioconnector.benchmarks.Databases;
import dev.twilioconnector.benchmarks.Databases.Database;
import dev.twilioconnector.emulator.TwilioEmulator;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;


/**
 * The web application of benchmark 3: Flowable, the connector and the trigger listener, configured by auto-configuration
 * alone (as a user's application would be), no component scan; plus the webhook a user would write without the
 * connector, {@link HandWrittenWebhook}. Process benchInbound, async executor off, trigger file bench-inbound/triggers.yml.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(HandWrittenWebhook.class)
public class InboundApp {

    /** Starts the app on a free loopback port; as command-line arguments, its settings win over TWILIO_* variables. */
    public static ConfigurableApplicationContext start(Database database, TwilioEmulator twilio) {
        int port = Databases.freeLoopbackPort();
        return new SpringApplication(InboundApp.class).run("--spring.main.banner-mode=off", "--spring.jmx.enabled=false",
                "--server.address=127.0.0.1", "--server.port=" + port, "--spring.datasource.url=" + database.jdbcUrl(),
                "--spring.datasource.username=" + database.username(), "--spring.datasource.password=" + database.password(),
                "--spring.datasource.driver-class-name=" + database.driver(), "--flowable.database-schema-update=true",
                "--flowable.async-executor-activate=false", "--flowable.process-definition-location-prefix=classpath*:/bench-inbound/",
                "--twilio.account=" + twilio.accountSid(), "--twilio.token=" + twilio.authToken(), "--twilio.default-from=" + twilio.number(),
                "--twilio.api-base-url=" + twilio.baseUrl(), "--twilio.triggers.location=classpath:bench-inbound/triggers.yml",
                "--twilio.webhook.public-url=http://127.0.0.1:" + port);
    }

    /** Where the app serves, as Twilio signs its requests: {@code http://127.0.0.1:<port>}. */
    public static String baseUrl(ConfigurableApplicationContext app) {
        return app.getEnvironment().getRequiredProperty("twilio.webhook.public-url");
    }
}

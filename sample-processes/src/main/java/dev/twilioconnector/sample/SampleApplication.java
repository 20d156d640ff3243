package dev.twilioconnector.sample;

import org.flowable.spring.boot.FlowableSecurityAutoConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The sample application: Flowable with the Twilio connector, three sample processes, a web console
 * at {@code /} and, without Twilio credentials, a local Twilio sandbox the connector talks to over HTTP.
 *
 * <p>Flowable's security auto-configuration is left out: it would log users in against Flowable's empty
 * IDM tables instead of Spring Boot's user ({@code spring.security.user.*}), which is the sample's login
 * (see {@link dev.twilioconnector.sample.security.SecurityConfiguration}).
 */
@SpringBootApplication(exclude = FlowableSecurityAutoConfiguration.class)
public class SampleApplication {

    public static void main(String[] args) {
        SpringApplication.run(SampleApplication.class, args);
    }
}

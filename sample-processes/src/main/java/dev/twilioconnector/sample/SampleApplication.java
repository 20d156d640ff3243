package dev.twilioconnector.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The sample application: Flowable with the Twilio connector, three sample processes, a web console
 * at {@code /} and, without Twilio credentials, a local Twilio sandbox the connector talks to over HTTP.
 */
@SpringBootApplication
public class SampleApplication {

    public static void main(String[] args) {
        SpringApplication.run(SampleApplication.class, args);
    }
}

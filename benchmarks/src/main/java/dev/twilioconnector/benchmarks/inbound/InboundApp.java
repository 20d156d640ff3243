package dev.twilioconnector.benchmarks.inbound;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/**
 * The web application of benchmark 3: Flowable, the connector and the trigger listener, configured by
 * auto-configuration alone (as a user's application would be), no component scan.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class InboundApp {
}

package dev.twilioconnector.benchmarks.inbound;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * The web application of benchmark 3: Flowable, the connector and the trigger listener, configured by
 * auto-configuration alone (as a user's application would be), no component scan; plus the benchmark's own
 * {@link HttpFloorController} and {@link HandOverController}.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({HttpFloorController.class, HandOverController.class})
public class InboundApp {
}

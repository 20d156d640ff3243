package dev.twilioconnector.inbound.e2e;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A Flowable Spring Boot web application that adds nothing but the connector's trigger listener. */
@SpringBootApplication
class InboundTestApplication {
}

package dev.twilioconnector.flowable.boot;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A Flowable Spring Boot application that adds nothing but the connector's dependency. */
@SpringBootApplication
class BootTestApplication {
}

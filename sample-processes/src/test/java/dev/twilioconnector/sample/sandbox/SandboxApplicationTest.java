package dev.twilioconnector.sample.sandbox;

import dev.twilioconnector.sample.SampleApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/**
 * The sample application in sandbox mode on a real port. The port is chosen here, not by Spring
 * ({@code server.port=0}), because the sandbox's API base URL is built from {@code server.port}
 * before the server starts. {@code twilio.account} and {@code twilio.token} are blanked so credentials
 * in the developer's environment cannot switch the sandbox off (blank counts as unset).
 * Every subclass shares one application context.
 */
@SpringBootTest(classes = SampleApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:twilio-sandbox-tests;DB_CLOSE_DELAY=-1",
        "twilio.triggers.location=classpath:sample-triggers.yml",
        "twilio.account=",
        "twilio.token="})
abstract class SandboxApplicationTest {

    static final int PORT = freePort();

    @DynamicPropertySource
    static void port(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
    }

    static String local(String path) {
        return "http://127.0.0.1:" + PORT + path;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.twilioconnector.sample;

import dev.twilioconnector.emulator.RecordedRequest;
import dev.twilioconnector.emulator.RequestMatch;
import dev.twilioconnector.emulator.TwilioEmulator;
import dev.twilioconnector.emulator.TwilioForms;
import dev.twilioconnector.emulator.WebhookAnswer;
import dev.twilioconnector.emulator.WebhookSender;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.InetAddress;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * The packaged application in live mode: TWILIO_ACCOUNT / TWILIO_TOKEN set, Twilio played by the Twilio emulator
 * on loopback (which also posts the delivery reports the application asks for), and the login given as Spring Boot's SPRING_SECURITY_USER_NAME / SPRING_SECURITY_USER_PASSWORD.
 * What an anonymous caller can no longer do (first, while the stand-in has received nothing), what the
 * operator does after logging in (REST with HTTP Basic, the console in a browser), and that Twilio's signed
 * webhook still gets through without either.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LiveSampleIT {

    private static final String USER = "operator";
    private static final String PASSWORD = "pw-" + UUID.randomUUID();
    private static final String START_PROCESS = "/process-api/runtime/process-instances";

    @TempDir
    static Path work;

    private static TwilioEmulator twilio;
    private static PackagedSample sample;

    @BeforeAll
    static void startTheSampleInLiveMode() throws Exception {
        twilio = TwilioEmulator.start();
        int port = PackagedSample.freePort();
        sample = PackagedSample.start(work.resolve("db"), "packaged-live", port, Map.of(
                "TWILIO_ACCOUNT", twilio.accountSid(),
                "TWILIO_TOKEN", twilio.authToken(),
                "TWILIO_FROM", twilio.number(),
                "TWILIO_API_BASE_URL", twilio.baseUrl("live").toString(),
                "TWILIO_WEBHOOK_URL", "http://127.0.0.1:" + port,
                "SPRING_SECURITY_USER_NAME", USER,
                "SPRING_SECURITY_USER_PASSWORD", PASSWORD));
    }

    @AfterAll
    static void stop() {
        if (sample != null) {
            sample.close();
        }
        if (twilio != null) {
            twilio.close();
        }
    }

    @Test
    @Order(1)
    void anonymousCallersCanNeitherSendSmsNorReadAnything() {
        String form = "recipients=%2B15551238901&body=Your+account+is+locked%2C+call+us";
        for (String origin : new String[]{null, "https://attacker.example"}) {
            for (String path : List.of("/console/broadcast", "/console/inbound", "/console/appointment", "/console/pickup")) {
                HttpResponse<String> refused = PackagedSample.send(formPost(path, form, origin));
                assertThat(refused.statusCode()).as("POST %s without CSRF token, Origin %s", path, origin).isEqualTo(403);
                PackagedSampleIT.assertSecurityHeaders(refused);
            }
        }
        // Even with the CSRF token of an anonymous session (the login page hands one out), a form is only a way to the login.
        ConsoleSession anonymous = new ConsoleSession(sample);
        anonymous.open("/login");
        assertRedirectedToLogin(anonymous.post("/console/broadcast", form));

        HttpResponse<String> rest = PackagedSample.send(sample.request(START_PROCESS).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(broadcast("+15551238902", "Send us your code"))).build());
        assertThat(rest.statusCode()).as("REST without login").isEqualTo(401);
        assertThat(rest.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(challenge -> assertThat(challenge).startsWith("Basic"));
        HttpResponse<String> wrongPassword = PackagedSample.send(sample.request(START_PROCESS).header("Content-Type", "application/json")
                .header("Authorization", basic(USER, PASSWORD + "x"))
                .POST(HttpRequest.BodyPublishers.ofString(broadcast("+15551238903", "Send us your code"))).build());
        assertThat(wrongPassword.statusCode()).as("REST with a wrong password").isEqualTo(401);

        assertRedirectedToLogin(PackagedSample.send(sample.request("/").header("Accept", "text/html").GET().build()));
        for (String path : List.of("/", "/console/messages.json", "/console/instances/1/diagram.json",
                "/process-api/history/historic-process-instances/1",
                "/actuator/metrics", "/actuator/info", "/actuator")) {
            HttpResponse<String> read = sample.get(path);
            assertThat(read.statusCode()).as("GET %s without login", path).isEqualTo(401);
            assertThat(read.body()).doesNotContain("+1555", twilio.accountSid());
        }

        await("no message-create request reaches Twilio").during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> sent().isEmpty());
    }

    @Test
    @Order(1)
    void anonymousHealthShowsTheStatusOnly() {
        HttpResponse<String> health = sample.get("/actuator/health");

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"")
                .doesNotContain("components", "details", "twilio", twilio.accountSid(), twilio.authToken());
        assertThat(sample.get("/actuator/health/twilio").body()).doesNotContain(twilio.accountSid());

        HttpResponse<String> logged = PackagedSample.send(sample.request("/actuator/health").header("Authorization", basic(USER, PASSWORD))
                .GET().build());
        assertThat(logged.body()).as("the details, after login").contains("\"twilio\"", "\"mode\":\"twilio\"", twilio.accountSid())
                .doesNotContain(twilio.authToken());
    }

    @Test
    @Order(1)
    void unlikeTheSandboxItListensOnEveryInterface() throws Exception {
        // The counterpart of PackagedSampleIT's loopback check: where server.address is not set, the login is the lock.
        assertThat(ListeningAddresses.accepts(InetAddress.getByName("127.0.0.2"), sample.port())).isTrue();
    }

    @Test
    @Order(2)
    void theRestApiWorksWithHttpBasic() {
        HttpResponse<String> started = PackagedSample.send(sample.request(START_PROCESS).header("Content-Type", "application/json")
                .header("Authorization", basic(USER, PASSWORD))
                .POST(HttpRequest.BodyPublishers.ofString(broadcast("+15551238911, +15551238912", "Hello ${recipient}"))).build());

        assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
        assertThat(started.body()).contains("\"ended\":true").contains("\\\"to\\\":\\\"+15551238911\\\"");
        assertThat(sent()).filteredOn(request -> request.param("To").startsWith("+1555123891"))
                .extracting(request -> request.param("To"), request -> request.param("Body"))
                .containsExactlyInAnyOrder(tuple("+15551238911", "Hello +15551238911"), tuple("+15551238912", "Hello +15551238912"));
        assertThat(started.headers().firstValue("Set-Cookie")).as("HTTP Basic opens no session").isEmpty();

        HttpResponse<String> form = PackagedSample.send(sample.request(START_PROCESS).header("Authorization", basic(USER, PASSWORD))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("processDefinitionKey=broadcast")).build());
        assertThat(form.statusCode()).as("anything but JSON still needs a CSRF token").isEqualTo(403);
    }

    @Test
    @Order(3)
    void theConsoleWorksInABrowserAfterLoggingIn() {
        WebDriver browser = HeadlessChromium.start(work.resolve("profile"));
        try {
            browser.get(sample.url("/"));
            assertThat(browser.getCurrentUrl()).endsWith("/login");
            browser.findElement(By.id("username")).sendKeys(USER);
            browser.findElement(By.id("password")).sendKeys(PASSWORD);
            browser.findElement(By.id("sign-in")).click();

            new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.presenceOfElementLocated(By.id("start-appointment")));
            assertThat(browser.findElement(By.tagName("header")).getText()).contains("Live", twilio.accountSid(), "signed in as " + USER);
            WebElement phone = browser.findElement(By.cssSelector("form[action='/console/appointment'] input[name='customerPhone']"));
            phone.clear();
            phone.sendKeys("+15551238921");
            browser.findElement(By.id("start-appointment")).click();

            HeadlessChromium.awaitNotice(browser, "Started appointment reminder", "live-console-failure.png");
            assertThat(browser.findElement(By.id("running")).findElements(By.cssSelector("article[data-process='appointmentReminder']")))
                    .anySatisfy(instance -> assertThat(instance.getText()).contains("+15551238921"));
            await("the reminder reaches Twilio").atMost(Duration.ofSeconds(20)).until(() -> twilio.messages().sentTo("+15551238921").stream()
                    .anyMatch(message -> message.body().contains("Reply YES to confirm")));
            HeadlessChromium.screenshot(browser, "live-console.png");
            assertThat(HeadlessChromium.errors(browser)).as("no error in the browser console (nothing the CSP blocked)").isEmpty();

            browser.findElement(By.id("logout")).click();
            HeadlessChromium.awaitNotice(browser, "Signed out", "live-sign-out-failure.png");
            browser.get(sample.url("/"));
            assertThat(browser.getCurrentUrl()).as("after signing out").endsWith("/login");
        } finally {
            browser.quit();
        }
    }

    @Test
    @Order(4)
    void aWebhookSignedByTwilioNeedsNoLoginAndIsAnsweredWithTwiml() {
        String webhook = sample.url("/twilio/sms");

        WebhookAnswer answer = twilio.webhooks().post(webhook, message("+15551238931", "Order Number 4711"));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.contentType()).startsWith("text/xml");
        assertThat(answer.body()).as("the orderStatus process's REPLY").endsWith("<Response><Message>Order 4711: waiting for payment.</Message></Response>");
        assertThat(sent()).as("the answer went in the TwiML, not through the REST API")
                .extracting(request -> request.param("To")).doesNotContain("+15551238931");

        WebhookAnswer forged = new WebhookSender("not-the-auth-token").post(webhook, message("+15551238932", "Order Number 1"));
        assertThat(forged.status()).as("a wrong signature").isEqualTo(403);
    }

    /** The message creations Twilio received. */
    private static List<RecordedRequest> sent() {
        return twilio.requests(RequestMatch.messageCreation());
    }

    private static Map<String, String> message(String from, String body) {
        return TwilioForms.incomingMessage(twilio.accountSid(), "SM" + UUID.randomUUID().toString().replace("-", ""), from, twilio.number(),
                body, List.of());
    }

    private static HttpRequest formPost(String path, String form, String origin) {
        HttpRequest.Builder request = sample.request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (origin != null) {
            request.header("Origin", origin);
        }
        return request.build();
    }

    private static void assertRedirectedToLogin(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location).endsWith("/login"));
    }

    private static String broadcast(String recipients, String body) {
        return """
                {"processDefinitionKey": "broadcast", "variables": [
                  {"name": "smsTo", "value": "%s"}, {"name": "smsBody", "value": "%s"}]}""".formatted(recipients, body);
    }

    /** An HTTP Basic {@code Authorization} header. */
    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}

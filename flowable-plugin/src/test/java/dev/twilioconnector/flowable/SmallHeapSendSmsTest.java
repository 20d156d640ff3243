package dev.twilioconnector.flowable;

import dev.twilioconnector.core.settings.TwilioSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static dev.twilioconnector.flowable.ProcessOutputs.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The claim of the render limits, shown where it matters: on a 256 MB heap, SEND_SMS tasks whose bodies would
 * render 2 GB complete with {@code twilioError} within the render timeout, and the engine sends the next
 * message as usual. The engine runs in a JVM of its own ({@link SmallHeapSendSms}), started here with
 * {@code -Xmx256m} whatever heap this test runs with.
 */
class SmallHeapSendSmsTest {

    private static final String HEAP = "-Xmx256m";
    private static final long HEAP_BYTES = 256L * 1024 * 1024;
    private static final Duration TIMEOUT = TwilioSettings.builder().build().renderTimeout();
    /** For starting the process and writing its history around the rendering, on a busy machine. */
    private static final Duration MARGIN = Duration.ofSeconds(3);

    private static final Map<String, JsonNode> CASES = new HashMap<>();
    private static String output;
    private static int exitCode;

    @BeforeAll
    static void runTheEngineOnASmallHeap() throws Exception {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                HEAP, "-cp", classpath, SmallHeapSendSms.class.getName())
                .redirectErrorStream(true).start();
        ByteArrayOutputStream collected = new ByteArrayOutputStream();
        Thread reader = new Thread(() -> copy(child.getInputStream(), collected), "small-heap-output");
        reader.start();
        boolean ended = child.waitFor(3, TimeUnit.MINUTES);
        if (!ended) {
            child.destroyForcibly().waitFor();
        }
        reader.join(10_000);
        output = collected.toString(StandardCharsets.UTF_8);
        exitCode = ended ? child.exitValue() : -1;
        JsonMapper mapper = JsonMapper.builder().build();
        output.lines().filter(line -> line.startsWith(SmallHeapSendSms.MARKER) || line.contains("OutOfMemoryError")).forEach(System.out::println);
        output.lines().filter(line -> line.startsWith(SmallHeapSendSms.MARKER)).map(line -> mapper.readTree(line.substring(SmallHeapSendSms.MARKER.length())))
                .forEach(node -> CASES.put(node.get("case").asString(), node));
    }

    @Test
    void theEngineRanOnTheSmallHeapAndFinished() {
        assertThat(exitCode).as(output).isZero();
        assertThat(CASES.keySet()).as(output).containsExactlyInAnyOrderElementsOf(SmallHeapSendSms.CASES.keySet());
        assertThat(CASES.values()).allSatisfy(node -> {
            assertThat(node.get("maxHeap").asLong()).isLessThanOrEqualTo(HEAP_BYTES);
            assertThat(node.get("interrupted").asBoolean()).isFalse();
        });
    }

    @Test
    void aBodyThatWouldRenderTwoGigabytesEndsInTwilioError21617WithinTheTimeout() {
        JsonNode run = run("writesTwoGigabytes");

        JsonNode error = json(run.get("twilioError").asString());
        assertThat(error).hasSize(1);
        assertThat(error.get(0).get("to").asString()).isEqualTo("+15551230001");
        assertThat(error.get(0).get("code").asInt()).isEqualTo(21617);
        assertThat(error.get(0).get("message").asString()).isEqualTo(DocumentedTexts.BODY_TOO_LONG);
        assertThat(run.get("millis").asLong()).isLessThan(TIMEOUT.plus(MARGIN).toMillis());
    }

    @Test
    void aBodyThatBuildsATwoGigabyteStringEndsInTwilioError() {
        JsonNode run = run("doublesToTwoGigabytes");

        JsonNode error = json(run.get("twilioError").asString());
        assertThat(error).hasSize(1);
        assertThat(error.get(0).get("to").isNull()).isTrue();
        assertThat(error.get(0).get("message").asString()).isEqualTo(DocumentedTexts.OUT_OF_MEMORY);
        assertThat(run.get("millis").asLong()).isLessThan(TIMEOUT.plus(MARGIN).toMillis());
    }

    @Test
    void aBodyThatWouldCaptureTwoGigabytesIsRefusedInTwilioError() {
        JsonNode run = run("capturesTwoGigabytes");

        JsonNode error = json(run.get("twilioError").asString());
        assertThat(error).hasSize(1);
        assertThat(error.get(0).get("to").isNull()).isTrue();
        // Refused when the template is compiled: captured output would be held outside the bounded text.
        assertThat(error.get(0).get("message").asString()).startsWith("smsBody template uses ").contains("not allowed");
        assertThat(run.get("millis").asLong()).isLessThan(TIMEOUT.plus(MARGIN).toMillis());
    }

    @Test
    void nothingWasSentUntilTheOrdinaryMessageWhichWent() {
        assertThat(List.of("writesTwoGigabytes", "doublesToTwoGigabytes", "capturesTwoGigabytes"))
                .allSatisfy(name -> assertThat(run(name).get("sent").asInt()).isZero());
        JsonNode ordinary = run("ordinaryAfterwards");

        assertThat(ordinary.get("twilioError").isNull()).isTrue();
        assertThat(json(ordinary.get("twilioResult").asString())).hasSize(1);
        assertThat(ordinary.get("sent").asInt()).isEqualTo(1);
    }

    private static JsonNode run(String name) {
        assertThat(CASES).as(output).containsKey(name);
        return CASES.get(name);
    }

    private static void copy(InputStream from, ByteArrayOutputStream to) {
        try (from) {
            from.transferTo(to);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

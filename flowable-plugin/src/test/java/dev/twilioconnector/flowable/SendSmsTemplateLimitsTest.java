package dev.twilioconnector.flowable;

import org.flowable.engine.test.ConfigurationResource;
import org.flowable.engine.test.Deployment;
import org.flowable.engine.test.FlowableTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static dev.twilioconnector.flowable.ProcessOutputs.json;
import static dev.twilioconnector.flowable.ProcessOutputs.ofEnded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Templates that would write without end, or never end at all: SEND_SMS stops them (at the length limit,
 * at the render timeout of {@code templateLimits.cfg.xml}, {@link EngineSettings#RENDER_TIMEOUT}), completes with
 * {@code twilioError}, and the engine and its thread carry on as if nothing happened.
 */
@FlowableTest
@ConfigurationResource("templateLimits.cfg.xml")
class SendSmsTemplateLimitsTest extends EngineTestBase {

    private static final String PROCESS = "dev/twilioconnector/flowable/sendSmsFromVariables.bpmn20.xml";
    /** 200,000,000 × 10 characters: 2 GB of text, were it ever written out. */
    private static final String TWO_GIGABYTES = "<#list 1..200000000 as i>xxxxxxxxxx</#list>";
    private static final String ENDLESS = "<#list 1..2000000000 as i></#list>";
    /** Generous: the process also starts, reads its variables and writes its history. */
    private static final Duration MARGIN = Duration.ofSeconds(3);

    @AfterEach
    void theEngineThreadIsNotLeftInterrupted() {
        assertThat(Thread.interrupted()).isFalse();
    }

    @Test
    @Deployment(resources = PROCESS)
    void aBodyThatWouldRenderTwoGigabytesEndsInTheLengthError() {
        Map<String, Object> variables = send("+15551230001", TWO_GIGABYTES);

        JsonNode error = json(variables.get("twilioError"));
        assertThat(error).hasSize(1);
        assertThat(error.get(0).get("to").asString()).isEqualTo("+15551230001");
        assertThat(error.get(0).get("code").asInt()).isEqualTo(21617);
        assertThat(error.get(0).get("status").isNull()).isTrue();
        assertThat(error.get(0).get("message").asString()).isEqualTo(DocumentedTexts.BODY_TOO_LONG);
        assertThat(json(variables.get("twilioResult"))).isEmpty();
        assertThat(sent()).isEmpty();
    }

    @Test
    @Deployment(resources = PROCESS)
    void onlyTheRecipientWhoseTextIsTooLongFails() {
        Map<String, Object> variables = send("+15551230001,+15551230002",
                "<#if recipient?ends_with('1')>" + TWO_GIGABYTES + "<#else>Hello</#if>");

        JsonNode error = json(variables.get("twilioError"));
        assertThat(error).hasSize(1);
        assertThat(error.get(0).get("to").asString()).isEqualTo("+15551230001");
        assertThat(error.get(0).get("code").asInt()).isEqualTo(21617);
        assertThat(sent()).extracting(SentMessage::to, SentMessage::body).containsExactly(tuple("+15551230002", "Hello"));
    }

    @Test
    @Deployment(resources = PROCESS)
    void aBodyThatNeverEndsIsStoppedAtTheRenderTimeout() {
        long started = System.nanoTime();
        Map<String, Object> variables = send("+15551230001,+15551230002,+15551230003", ENDLESS);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        JsonNode error = json(variables.get("twilioError"));
        assertThat(error).hasSize(1);
        assertThat(error.get(0).get("to").isNull()).as("a problem of the whole send").isTrue();
        assertThat(error.get(0).get("code").isNull()).isTrue();
        assertThat(error.get(0).get("message").asString())
                .isEqualTo(DocumentedTexts.timedOut(EngineSettings.RENDER_TIMEOUT.toMillis()))
                .contains("took longer than 500 ms");
        assertThat(json(variables.get("twilioResult"))).isEmpty();
        assertThat(sent()).isEmpty();
        assertThat(took).as("one timeout for the whole send, not one per recipient")
                .isGreaterThanOrEqualTo(EngineSettings.RENDER_TIMEOUT)
                .isLessThan(EngineSettings.RENDER_TIMEOUT.plus(MARGIN));
    }

    @Test
    @Deployment(resources = PROCESS)
    void endlessRecursionIsReportedToo() {
        Map<String, Object> variables = send("+15551230001", "<#macro again><@again/></#macro><@again/>");

        JsonNode error = json(variables.get("twilioError"));
        assertThat(error).hasSize(1);
        assertThat(error.get(0).get("to").isNull()).isTrue();
        assertThat(error.get(0).get("message").asString()).isEqualTo(DocumentedTexts.TOO_DEEP);
        assertThat(sent()).isEmpty();
    }

    @Test
    @Deployment(resources = PROCESS)
    void theEngineSendsAsUsualAfterwards() {
        send("+15551230001", ENDLESS);
        send("+15551230001", TWO_GIGABYTES);

        Map<String, Object> variables = send("+15551230001", "Hi ${customer.name}");

        assertThat(variables).containsEntry("twilioError", null);
        assertThat(json(variables.get("twilioResult"))).hasSize(1);
        assertThat(sent()).extracting(SentMessage::body).containsExactly("Hi Ada");
    }

    private Map<String, Object> send(String to, String body) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("smsFrom", "+15005550006");
        variables.put("smsTo", to);
        variables.put("smsBody", body);
        variables.put("customer", Map.of("name", "Ada"));
        String pid = runtime.startProcessInstanceByKey("sendSmsFromVariables", variables).getId();
        return ofEnded(history, pid);
    }
}

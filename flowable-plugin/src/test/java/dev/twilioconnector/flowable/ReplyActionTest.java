package dev.twilioconnector.flowable;

import dev.twilioconnector.flowable.conversation.AnsweredMessage;
import dev.twilioconnector.flowable.inbound.OpenReply;
import dev.twilioconnector.flowable.inbound.WebhookReply;
import org.flowable.engine.ManagementService;
import org.flowable.engine.TaskService;
import org.flowable.engine.test.Deployment;
import org.flowable.job.api.Job;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.twilioconnector.emulator.RequestMatch.messageCreation;
import static dev.twilioconnector.flowable.ProcessOutputs.json;
import static dev.twilioconnector.flowable.ProcessOutputs.ofEnded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * {@code twilioConnector.REPLY} in the engine: it answers the message the instance keeps (here set as start
 * variables, as an SMS_RECEIVED would set them), in the open webhook answer when there is one for that message
 * on this thread, else through the REST API; its body follows SEND_SMS's rules either way.
 */
class ReplyActionTest extends EngineTestBase {

    private static final String PROCESS = "dev/twilioconnector/flowable/reply.bpmn20.xml";
    private static final String ADA = "+15551230001";
    /** The number Ada texted; not the account's default number, so that a reply from it came from the message. */
    private static final String NUMBER_ADA_TEXTED = "+15005550099";

    private final String messageSid = "SM" + UUID.randomUUID().toString().replace("-", "");

    @Test
    @Deployment(resources = PROCESS)
    void withoutAMessageToAnswerItSaysSoAndSendsNothing() {
        Map<String, Object> variables = ofEnded(history, runtime.startProcessInstanceByKey("reply", Map.of("smsBody", "Thanks")).getId());

        JsonNode error = json(variables.get("twilioError"));
        assertThat(error).hasSize(1);
        assertThat(error.get(0).get("to").isNull()).isTrue();
        assertThat(error.get(0).get("message").asString()).isEqualTo("there is no message to reply to: no SMS_RECEIVED event "
                + "started or woke this process instance (its variable twilioMessageFrom is not set)");
        assertThat(json(variables.get("twilioResult"))).isEmpty();
        assertThat(twilio.requests()).isEmpty();
    }

    @Test
    @Deployment(resources = PROCESS)
    void laterItSendsOneSmsToTheSenderFromTheNumberTheyTexted() {
        Map<String, Object> variables = reply(Map.of("smsBody", "Hi ${name}, this goes to ${recipient}.", "name", "Ada"));

        assertThat(sent()).containsExactly(new SentMessage(ADA, NUMBER_ADA_TEXTED, null, "Hi Ada, this goes to " + ADA + ".",
                authorization()));
        assertThat(variables).containsEntry("twilioError", null);
        JsonNode result = json(variables.get("twilioResult"));
        assertThat(result).hasSize(1);
        assertThat(result.get(0).get("to").asString()).isEqualTo(ADA);
        assertThat(result.get(0).get("sid").asString()).isEqualTo(twilio.messages().sentTo(ADA).get(0).sid());
    }

    @Test
    @Deployment(resources = PROCESS)
    void withMediaItSendsTheMedia() {
        reply(Map.of("smsBody", "Your ticket", "smsMediaUrl", "https://example.com/ticket.png"));

        assertThat(twilio.requests(messageCreation())).singleElement()
                .satisfies(request -> assertThat(request.params("MediaUrl")).containsExactly("https://example.com/ticket.png"));
    }

    @Test
    @Deployment(resources = PROCESS)
    void whileTheWebhookWaitsTheTextIsItsAnswerAndNothingIsSent() {
        Map<String, Object> variables;
        WebhookReply given;
        try (OpenReply webhook = OpenReply.open(messageSid, () -> true)) {
            variables = reply(Map.of("smsBody", "Hi ${name}, this goes to ${recipient}.", "name", "Ada",
                    "smsMediaUrl", "https://example.com/ticket.png"));
            given = webhook.given().orElseThrow();
        }

        assertThat(given).isEqualTo(new WebhookReply("Hi Ada, this goes to " + ADA + ".", List.of("https://example.com/ticket.png")));
        assertThat(twilio.requests()).isEmpty();
        assertThat(variables).containsEntry("twilioError", null);
        assertThat(variables.get("twilioResult")).isEqualTo("[{\"to\":\"" + ADA + "\",\"sid\":null,\"status\":\"webhook-reply\"}]");
    }

    @Test
    @Deployment(resources = PROCESS)
    void anAnswerOpenForAnotherMessageOrNoLongerAwaitedGoesThroughTheApi() {
        try (OpenReply another = OpenReply.open("SM" + "0".repeat(32), () -> true)) {
            reply(Map.of("smsBody", "One"));
            assertThat(another.isAnswered()).isFalse();
        }
        try (OpenReply givenUp = OpenReply.open(messageSid, () -> false)) {
            reply(Map.of("smsBody", "Two"));
            assertThat(givenUp.given()).isEmpty();
            assertThat(givenUp.isAnswered()).as("answered by SMS: the trigger's echo is not to follow").isTrue();
        }

        assertThat(sent()).extracting(SentMessage::body).containsExactly("One", "Two");
    }

    @Test
    @Deployment(resources = PROCESS)
    void aMessageHasOneAnswerInTheWebhookAndASecondReplyGoesThroughTheApi() {
        Map<String, Object> variables;
        try (OpenReply webhook = OpenReply.open(messageSid, () -> true)) {
            variables = ofEnded(history, runtime.startProcessInstanceByKey("replyTwice", message(new HashMap<>())).getId());
            assertThat(webhook.given()).map(WebhookReply::text).contains("First answer");
        }

        assertThat(sent()).extracting(SentMessage::body).containsExactly("Second answer");
        assertThat(json(variables.get("firstResult")).get(0).get("status").asString()).isEqualTo("webhook-reply");
        assertThat(json(variables.get("secondResult")).get(0).get("sid").asString()).startsWith("SM");
    }

    @Test
    @Deployment(resources = PROCESS)
    void itsBodyFollowsSendSmsRulesThroughTheApi() {
        assertWholeReplyProblem(reply(Map.of("smsBody", "Hi ${name")), "smsBody template has a syntax error at line 1");
        assertWholeReplyProblem(reply(Map.of("smsBody", "Hi ${customer.nmae}", "customer", Map.of("name", "Ada"))),
                "smsBody template refers to 'customer.nmae', which is missing");
        assertWholeReplyProblem(reply(Map.of()), "smsBody is missing: give the task an smsBody field or variable");
        assertReplyProblemFor(reply(Map.of("smsBody", "x".repeat(1601))), 21617, DocumentedTexts.BODY_TOO_LONG);
        assertReplyProblemFor(reply(Map.of("smsBody", "${blank}", "blank", " ")), 21602, "the message text is empty after rendering smsBody");
        assertThat(twilio.requests()).isEmpty();
    }

    @Test
    @Deployment(resources = PROCESS)
    void itsBodyFollowsSendSmsRulesInTheWebhookToo() {
        try (OpenReply webhook = OpenReply.open(messageSid, () -> true)) {
            assertWholeReplyProblem(reply(Map.of("smsBody", "Hi ${name")), "smsBody template has a syntax error at line 1");
            assertReplyProblemFor(reply(Map.of("smsBody", "x".repeat(1601))), 21617, DocumentedTexts.BODY_TOO_LONG);
            assertWholeReplyProblem(reply(Map.of("smsBody", "Look", "smsMediaUrl", "ftp://example.com/a.png")),
                    "smsMediaUrl 'ftp://example.com/a.png' is not an http(s) URL");
            assertThat(webhook.given()).as("the webhook answers with the trigger's echo instead").isEmpty();
        }
        assertThat(twilio.requests()).isEmpty();
    }

    @Test
    @Deployment(resources = PROCESS)
    void failOnErrorThrowsTheBpmnErrorAfterSettingTheOutputs(TaskService tasks) {
        String pid = runtime.startProcessInstanceByKey("replyFailOnError").getId();

        assertThat(tasks.createTaskQuery().processInstanceId(pid).singleResult().getTaskDefinitionKey()).isEqualTo("failed");
        assertThat((String) runtime.getVariable(pid, "twilioError")).contains("there is no message to reply to");
    }

    @Test
    @Deployment(resources = PROCESS)
    void aRetriedReplyDoesNotSendAgain(ManagementService management) {
        String pid = runtime.startProcessInstanceByKey("replyThenFailOnce", message(new HashMap<>())).getId();
        Job job = management.createJobQuery().processInstanceId(pid).singleResult();
        assertThatThrownBy(() -> management.executeJob(job.getId())).hasStackTraceContaining("a flaky step after the send fails once");
        management.moveTimerToExecutableJob(management.createTimerJobQuery().processInstanceId(pid).singleResult().getId());

        management.executeJob(management.createJobQuery().processInstanceId(pid).singleResult().getId());

        assertThat(sent()).extracting(SentMessage::to, SentMessage::body).containsExactly(tuple(ADA, "We are on it."));
        assertThat(json(ofEnded(history, pid).get("twilioResult")).get(0).get("sid").asString())
                .isEqualTo(twilio.messages().sentTo(ADA).get(0).sid());
    }

    /** Runs {@code reply} in an instance that Ada's message {@link #messageSid} to {@link #NUMBER_ADA_TEXTED} woke. */
    private Map<String, Object> reply(Map<String, Object> inputs) {
        return ofEnded(history, runtime.startProcessInstanceByKey("reply", message(new HashMap<>(inputs))).getId());
    }

    private Map<String, Object> message(Map<String, Object> variables) {
        variables.put(AnsweredMessage.SID_VARIABLE, messageSid);
        variables.put(AnsweredMessage.FROM_VARIABLE, ADA);
        variables.put(AnsweredMessage.TO_VARIABLE, NUMBER_ADA_TEXTED);
        return variables;
    }

    private static void assertWholeReplyProblem(Map<String, Object> variables, String messagePart) {
        SendSmsProblemsTest.assertWholeSendProblem(variables, messagePart);
    }

    private static void assertReplyProblemFor(Map<String, Object> variables, int code, String message) {
        JsonNode error = json(variables.get("twilioError"));
        assertThat(error).hasSize(1);
        assertThat(error.get(0).get("to").asString()).isEqualTo(ADA);
        assertThat(error.get(0).get("code").asInt()).isEqualTo(code);
        assertThat(error.get(0).get("message").asString()).isEqualTo(message);
        assertThat(json(variables.get("twilioResult"))).isEmpty();
    }
}

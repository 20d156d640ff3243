package dev.twilioconnector.inbound.e2e;

import dev.twilioconnector.emulator.Message;
import dev.twilioconnector.emulator.RecordedRequest;
import dev.twilioconnector.emulator.Reply;
import dev.twilioconnector.flowable.TwilioConnectorConfigurator;
import dev.twilioconnector.flowable.conversation.ConversationLog;
import org.flowable.task.api.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;
import java.util.Map;

import static dev.twilioconnector.emulator.RequestMatch.messageCreation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * {@code twilioConnector.REPLY} over real HTTP: a process that answers before any wait state answers in the
 * webhook's TwiML instead of the trigger's echo, with no request to Twilio; one that answers after a user task
 * sends one SMS to the sender from the number they texted; one no message started has nothing to answer.
 */
@SpringBootTest(classes = InboundTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:twilio-reply-e2e;DB_CLOSE_DELAY=-1",
        "flowable.database-schema-update=true",
        "flowable.async-executor-activate=false",
        "twilio.triggers.location=classpath:e2e-triggers.yml"})
class ReplyEndToEndTest extends EndToEndTest {

    /** A number of the application's other than the account's default: a reply from it can only come from the message. */
    private static final String SECOND_NUMBER = "+15005550099";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    TwilioConnectorConfigurator configurator;

    @BeforeEach
    void textsReachThisApplication() {
        twilio.incomingWebhook(url("/twilio/sms"));
    }

    @Test
    void aReplyBeforeAnyWaitIsTheWebhooksAnswerInsteadOfTheEchoAndNothingIsSent() {
        Reply reply = twilio.phone(ADA).text("Status of 4711");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.messages()).containsExactly("Order 4711: waiting for payment.");
        assertThat(reply.body()).doesNotContain("Looking up order");
        assertThat(twilio.requests(messageCreation())).as("no message sent through the REST API").isEmpty();
        assertThat(twilio.phone(ADA).received()).extracting(Message::from, Message::body)
                .containsExactly(tuple(twilio.number(), "Order 4711: waiting for payment."));

        String instance = history.createHistoricProcessInstanceQuery().processDefinitionKey("statusAnswer").finished().singleResult().getId();
        Map<String, Object> variables = variables(instance);
        assertThat(variables).containsEntry("twilioError", null).containsEntry("twilioMessageSid", reply.messageSid())
                .containsEntry("twilioMessageFrom", ADA).containsEntry("twilioMessageTo", twilio.number());
        assertThat(variables.get("twilioResult")).isEqualTo("[{\"to\":\"" + ADA + "\",\"sid\":null,\"status\":\"webhook-reply\"}]");
        assertThat(conversations().lastTexted(ADA, List.of(instance))).as("the TwiML answer counts as this instance's text")
                .containsOnlyKeys(instance);
    }

    @Test
    void aReplyAfterAUserTaskIsOneSmsToTheSenderFromTheNumberTheyTexted() {
        Reply acknowledged = twilio.phone(ADA).textTo(SECOND_NUMBER, "Call me about my invoice", List.of());
        assertThat(acknowledged.messages()).as("the echo answers while a person works on it").containsExactly("Someone will get back to you.");
        assertThat(twilio.requests(messageCreation())).isEmpty();
        Task callBack = tasks.createTaskQuery().processDefinitionKey("callbackAnswer").taskDefinitionKey("callBack").singleResult();

        tasks.complete(callBack.getId());

        List<RecordedRequest> sent = twilio.requests(messageCreation());
        assertThat(sent).singleElement().satisfies(request -> {
            assertThat(request.param("To")).isEqualTo(ADA);
            assertThat(request.param("From")).isEqualTo(SECOND_NUMBER);
            assertThat(request.param("Body")).isEqualTo("We looked into my invoice. Anything else?");
        });
        String sid = twilio.messages().sentTo(ADA).get(0).sid();
        JsonNode result = JSON.readTree((String) variables(callBack.getProcessInstanceId()).get("twilioResult"));
        assertThat(result.get(0).get("sid").asString()).isEqualTo(sid);
        assertThat(conversations().lastTexted(ADA, List.of(callBack.getProcessInstanceId()))).as("recorded in the conversation log")
                .containsOnlyKeys(callBack.getProcessInstanceId());
    }

    @Test
    void aReplyInAnInstanceNoMessageStartedSaysSoAndSendsNothing() {
        String instance = runtime.startProcessInstanceByKey("replyToNobody").getId();

        JsonNode error = JSON.readTree((String) variables(instance).get("twilioError"));
        assertThat(error.get(0).get("message").asString()).isEqualTo("there is no message to reply to: no SMS_RECEIVED event started "
                + "or woke this process instance (its variable twilioMessageFrom is not set)");
        assertThat(twilio.requests(messageCreation())).isEmpty();
    }

    private ConversationLog conversations() {
        return configurator.conversationLog();
    }
}

package dev.twilioconnector.flowable.delegate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.twilioconnector.core.TwilioProblem;
import dev.twilioconnector.core.sms.Accepted;
import dev.twilioconnector.core.sms.MessageRecord;
import dev.twilioconnector.core.verify.CodeCheck;
import dev.twilioconnector.core.verify.Verification;
import dev.twilioconnector.flowable.action.ReplyFields;

import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON texts the actions leave in {@code twilioResult} and {@code twilioError}, shaped as README documents them. */
final class OutputJson {

    /** {@code twilioResult} of a list that could not be read. */
    static final String NONE = "[]";

    private static final ObjectMapper JSON = new ObjectMapper();

    private OutputJson() {
    }

    /** {@code [{"to":…,"sid":…,"status":…}]}; {@code []} when nothing was accepted. */
    static String accepted(List<Accepted> accepted) {
        return write(accepted.stream().map(message -> object("to", message.to(), "sid", message.sid(), "status", message.status())).toList());
    }

    /** {@code [{"to":…,"sid":null,"status":"webhook-reply"}]}: a REPLY given in the webhook's TwiML answer, which has no SID. */
    static String answeredInWebhook(String to) {
        return write(List.of(object("to", to, "sid", null, "status", ReplyFields.WEBHOOK_REPLY)));
    }

    /** {@code [{"to":…,"code":…,"status":…,"message":…}]}, or {@code null} when nothing went wrong. */
    static String problems(List<TwilioProblem> problems) {
        if (problems.isEmpty()) {
            return null;
        }
        return write(problems.stream().map(problem ->
                object("to", problem.recipient(), "code", problem.code(), "status", problem.status(), "message", problem.message())).toList());
    }

    static String message(MessageRecord message) {
        return write(object(message));
    }

    static String messages(List<MessageRecord> messages) {
        return write(messages.stream().map(OutputJson::object).toList());
    }

    static String verification(Verification verification) {
        return write(object("sid", verification.sid(), "to", verification.to(), "channel", verification.channel(),
                "status", verification.status()));
    }

    static String codeCheck(CodeCheck check) {
        return write(object("sid", check.sid(), "to", check.to(), "status", check.status(), "valid", check.valid(),
                "approved", check.approved()));
    }

    private static Map<String, Object> object(MessageRecord message) {
        return object("sid", message.sid(), "to", message.to(), "from", message.from(), "body", message.body(),
                "status", message.status(), "direction", message.direction(), "messagingServiceSid", message.messagingServiceSid(),
                "numSegments", message.numSegments(), "numMedia", message.numMedia(), "errorCode", message.errorCode(),
                "errorMessage", message.errorMessage(), "price", message.price(), "priceUnit", message.priceUnit(),
                "dateCreated", text(message.dateCreated()), "dateSent", text(message.dateSent()), "dateUpdated", text(message.dateUpdated()));
    }

    /** A JSON object with its keys in the order given: {@code object("to", to, "sid", sid)}. */
    private static Map<String, Object> object(Object... namesAndValues) {
        Map<String, Object> object = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            object.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return object;
    }

    private static String text(OffsetDateTime time) {
        return time == null ? null : time.toString();
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}

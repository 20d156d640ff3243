package dev.twilioconnector.flowable.expression;

import org.flowable.common.engine.api.delegate.FlowableFunctionDelegate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.lang.reflect.Method;

/**
 * {@code ${twilio:messageSid(twilioResult)}}: the SID of the first message in an action's result, so
 * that a process can wait for that message's {@code SMS_STATUS} without a line of Java. The result is
 * the JSON text SEND_SMS (an array) or GET_MESSAGE (one object) leaves behind; {@code null} when it
 * holds no message.
 */
public final class MessageSidFunction implements FlowableFunctionDelegate {

    public static final String PREFIX = "twilio";
    public static final String NAME = "messageSid";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    public String prefix() {
        return PREFIX;
    }

    @Override
    public String localName() {
        return NAME;
    }

    @Override
    public Method functionMethod() throws NoSuchMethodException {
        return MessageSidFunction.class.getMethod(NAME, Object.class);
    }

    public static String messageSid(Object result) {
        if (result == null) {
            return null;
        }
        JsonNode node;
        try {
            node = result instanceof JsonNode json ? json : JSON.readTree(result.toString());
        } catch (JacksonException e) {
            return null;
        }
        JsonNode message = node.isArray() ? node.path(0) : node;
        JsonNode sid = message.path("sid");
        return sid.isString() ? sid.asString() : null;
    }
}

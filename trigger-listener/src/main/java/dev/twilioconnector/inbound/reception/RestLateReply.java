package dev.twilioconnector.inbound.reception;

import dev.twilioconnector.core.TwilioClient;
import dev.twilioconnector.core.sms.SendOutcome;
import dev.twilioconnector.core.sms.SendSms;
import dev.twilioconnector.inbound.webhook.InboundSms;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collections;
import java.util.Map;

/**
 * Sends a late reply as an SMS through Twilio's REST API, from the number the person texted. The text
 * is data for the template, never a template itself: it may quote what the sender wrote.
 */
public final class RestLateReply implements LateReply {

    private static final String TEXT = "reply";
    private static final String AS_IS = "${" + TEXT + "}";
    private static final Logger LOG = LoggerFactory.getLogger(RestLateReply.class);

    private final TwilioClient twilio;

    public RestLateReply(TwilioClient twilio) {
        this.twilio = twilio;
    }

    @Override
    public void send(InboundSms sms, String text) {
        SendOutcome outcome = twilio.send(new SendSms(sms.to(), null, Collections.singletonList(sms.from()), AS_IS, Map.of(TEXT, text)));
        if (outcome.hasProblems()) {
            LOG.warn("The reply to message {} came after the webhook had answered, and could not be sent as an SMS: {}",
                    sms.messageSid(), outcome.problems().get(0).message());
        } else {
            LOG.info("The reply to message {} came after the webhook had answered; sent as SMS {}", sms.messageSid(),
                    outcome.accepted().get(0).sid());
        }
    }
}

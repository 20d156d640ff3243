package dev.twilioconnector.inbound.reception;

import dev.twilioconnector.core.TwilioClient;
import dev.twilioconnector.core.sms.MessageOptions;
import dev.twilioconnector.core.sms.SendOutcome;
import dev.twilioconnector.core.sms.SendSms;
import dev.twilioconnector.flowable.inbound.WebhookReply;
import dev.twilioconnector.inbound.webhook.InboundSms;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
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
        if (text != null) {
            send(sms, WebhookReply.text(text));
        }
    }

    /** With the media a process's REPLY attached. */
    @Override
    public void send(InboundSms sms, WebhookReply reply) {
        MessageOptions media = new MessageOptions(reply.mediaUrls().stream().map(URI::create).toList(), null, null, null, null);
        SendSms request = new SendSms(sms.to(), null, Collections.singletonList(sms.from()), reply.text() == null ? null : AS_IS,
                reply.text() == null ? Map.of() : Map.of(TEXT, reply.text()), media);
        SendOutcome outcome = twilio.send(request);
        if (outcome.hasProblems()) {
            LOG.warn("The reply to message {} came after the webhook had answered, and could not be sent as an SMS: {}",
                    sms.messageSid(), outcome.problems().get(0).message());
        } else {
            LOG.info("The reply to message {} came after the webhook had answered; sent as SMS {}", sms.messageSid(),
                    outcome.accepted().get(0).sid());
        }
    }
}

package dev.twilioconnector.inbound.reception;

import dev.twilioconnector.core.template.SmsTemplate;
import dev.twilioconnector.core.template.TemplateProblem;
import dev.twilioconnector.flowable.inbound.InboundMessageLedger;
import dev.twilioconnector.flowable.inbound.InboundMessageLedger.Claim;
import dev.twilioconnector.inbound.trigger.TriggerMatch;
import dev.twilioconnector.inbound.trigger.TriggerSet;
import dev.twilioconnector.inbound.webhook.InboundSms;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The inbound path of one message after its signature was checked: deduplication by
 * {@code MessageSid}, opt-out rules, the first matching trigger, {@code SMS_RECEIVED} to the engine,
 * and the echo, rendered only after the engine took the event ({@code echoError} if it did not).
 * The sender's text is only ever data for the templates, never part of one.
 */
public final class SmsReception {

    public static final int MAX_REPLY_LENGTH = 1600;

    private static final Logger LOG = LoggerFactory.getLogger(SmsReception.class);

    private final TriggerSet triggers;
    private final InboundMessageLedger ledger;
    private final SmsEventPublisher publisher;
    private final InboundMetrics metrics;

    public SmsReception(TriggerSet triggers, InboundMessageLedger ledger, SmsEventPublisher publisher) {
        this(triggers, ledger, publisher, InboundMetrics.NONE);
    }

    public SmsReception(TriggerSet triggers, InboundMessageLedger ledger, SmsEventPublisher publisher, InboundMetrics metrics) {
        this.triggers = triggers;
        this.ledger = ledger;
        this.publisher = publisher;
        this.metrics = metrics;
    }

    /** The text to reply with ({@code null}: no reply). */
    public String receive(InboundSms sms) {
        metrics.received();
        Claim claim = ledger.claim(sms.messageSid());
        if (claim instanceof Claim.Repeat || claim instanceof Claim.Busy) {
            metrics.deduplicated();
        }
        if (claim instanceof Claim.Repeat repeat) {
            LOG.debug("Message {} was delivered again; answering as the first time", sms.messageSid());
            return repeat.reply();
        }
        if (claim instanceof Claim.Busy) {
            LOG.warn("Message {} is still being handled by another delivery; this one gets no reply", sms.messageSid());
            return null;
        }
        String reply = handle(sms);
        try {
            ledger.answer(sms.messageSid(), reply);
        } catch (RuntimeException e) {
            LOG.error("Message {} was handled but its reply could not be recorded: {}", sms.messageSid(), e.getMessage(), e);
        }
        return reply;
    }

    private String handle(InboundSms sms) {
        if (sms.isOptOut()) {
            LOG.info("Message {} is an opt-out (STOP): not matched, not published", sms.messageSid());
            return null;
        }
        Optional<TriggerMatch> found = triggers.match(sms.body());
        if (found.isEmpty()) {
            LOG.debug("Message {} matches no trigger", sms.messageSid());
            return null;
        }
        TriggerMatch match = found.get();
        try {
            publisher.publish(match, sms);
        } catch (RuntimeException e) {
            LOG.error("Message {} matched trigger '{}' but SMS_RECEIVED could not be published: {}",
                    sms.messageSid(), match.trigger().name(), e.getMessage(), e);
            return echoError(match, sms);
        }
        LOG.info("Message {} matched trigger '{}'; SMS_RECEIVED published", sms.messageSid(), match.trigger().name());
        metrics.matched(match.trigger().name());
        if (sms.isAnsweredByTwilio()) {
            return null;
        }
        try {
            return render(match.trigger().echo(), match, sms, "echo");
        } catch (TemplateProblem e) {
            LOG.warn("The echo of trigger '{}' cannot be rendered: {}", match.trigger().name(), e.getMessage());
            return echoError(match, sms);
        }
    }

    private static String echoError(TriggerMatch match, InboundSms sms) {
        try {
            return render(match.trigger().echoError(), match, sms, "echoError");
        } catch (TemplateProblem e) {
            LOG.warn("The echoError of trigger '{}' cannot be rendered: {}", match.trigger().name(), e.getMessage());
            return null;
        }
    }

    private static String render(SmsTemplate template, TriggerMatch match, InboundSms sms, String which) throws TemplateProblem {
        if (template == null) {
            return null;
        }
        Map<String, Object> variables = new HashMap<>(match.groups());
        variables.put("from", sms.from());
        variables.put("to", sms.to());
        variables.put("originalMessage", sms.body());
        String text = template.render(template.scope(variables), sms.from());
        if (text.codePointCount(0, text.length()) > MAX_REPLY_LENGTH) {
            LOG.warn("The {} of trigger '{}' is longer than {} characters; it is cut there", which, match.trigger().name(), MAX_REPLY_LENGTH);
            text = text.substring(0, text.offsetByCodePoints(0, MAX_REPLY_LENGTH));
        }
        return text.isBlank() ? null : text;
    }
}

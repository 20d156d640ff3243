package dev.twilioconnector.inbound.reception;

import dev.twilioconnector.core.template.SmsTemplate;
import dev.twilioconnector.core.template.TemplateProblem;
import dev.twilioconnector.flowable.inbound.InboundMessageLedger;
import dev.twilioconnector.flowable.inbound.InboundMessageLedger.Claim;
import dev.twilioconnector.flowable.inbound.OpenReply;
import dev.twilioconnector.flowable.inbound.WebhookReply;
import dev.twilioconnector.inbound.trigger.TriggerMatch;
import dev.twilioconnector.inbound.trigger.TriggerSet;
import dev.twilioconnector.inbound.webhook.InboundSms;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The inbound path of one message after its signature was checked: deduplication by
 * {@code MessageSid}, opt-out rules, the first matching trigger, {@code SMS_RECEIVED} to the engine,
 * and the echo, rendered only after the engine took the event ({@code echoError} if it did not, and
 * then the message is not recorded as handled: its next delivery handles it as new). When a process
 * answers with {@code twilioConnector.REPLY} during the hand-over ({@link OpenReply}), its answer goes
 * out instead of the echo.
 * The sender's text is only ever data for the templates, never part of one.
 */
public final class SmsReception {

    public static final int MAX_REPLY_LENGTH = SmsTemplate.MAX_LENGTH;

    private static final Logger LOG = LoggerFactory.getLogger(SmsReception.class);
    private static final LateReply NO_LATE_REPLY = (sms, text) -> LOG.warn(
            "The reply to message {} came after the webhook had answered, and no REST client is configured to send it",
            sms.messageSid());

    private final TriggerSet triggers;
    private final InboundMessageLedger ledger;
    private final SmsEventPublisher publisher;
    private final InboundMetrics metrics;
    private final LateReply lateReply;
    private final OptOutEventPublisher optOuts;

    public SmsReception(TriggerSet triggers, InboundMessageLedger ledger, SmsEventPublisher publisher) {
        this(triggers, ledger, publisher, InboundMetrics.NONE);
    }

    public SmsReception(TriggerSet triggers, InboundMessageLedger ledger, SmsEventPublisher publisher, InboundMetrics metrics) {
        this(triggers, ledger, publisher, metrics, NO_LATE_REPLY);
    }

    public SmsReception(TriggerSet triggers, InboundMessageLedger ledger, SmsEventPublisher publisher, InboundMetrics metrics,
                        LateReply lateReply) {
        this(triggers, ledger, publisher, metrics, lateReply, OptOutEventPublisher.NONE);
    }

    /**
     * @param lateReply sends the reply when the webhook answered before it was ready
     * @param optOuts   publishes {@code SMS_OPT_OUT} for every message Twilio marked with {@code OptOutType}
     */
    public SmsReception(TriggerSet triggers, InboundMessageLedger ledger, SmsEventPublisher publisher, InboundMetrics metrics,
                        LateReply lateReply, OptOutEventPublisher optOuts) {
        this.triggers = triggers;
        this.ledger = ledger;
        this.publisher = publisher;
        this.metrics = metrics;
        this.lateReply = lateReply;
        this.optOuts = optOuts;
    }

    /** The text to reply with ({@code null}: no reply), waiting as long as the handling takes. */
    public String receive(InboundSms sms) {
        Delivery<WebhookReply> delivery = new Delivery<>();
        receive(sms, delivery);
        return delivery.await(Duration.ZERO).map(WebhookReply::text).orElse(null);
    }

    /**
     * Handles one delivery of {@code sms} and offers its reply to {@code delivery}. A reply the webhook
     * no longer waits for is sent through {@link LateReply} (only by the delivery that handled the
     * message), and recorded as no reply, so that a repeat answers as the webhook did.
     */
    public void receive(InboundSms sms, Delivery<WebhookReply> delivery) {
        try {
            metrics.received();
            Claim claim;
            try {
                claim = ledger.claim(sms.messageSid());
            } catch (RuntimeException e) {
                LOG.error("Message {} could not be checked against earlier deliveries, so it is not handled now and its next "
                        + "delivery counts as new: {}", sms.messageSid(), e.getMessage());
                WebhookReply echoError = echoError(sms);
                if (!delivery.offer(echoError)) {
                    sendLate(sms, echoError);
                }
                return;
            }
            if (claim instanceof Claim.Repeat || claim instanceof Claim.Busy) {
                metrics.deduplicated();
            }
            if (claim instanceof Claim.Repeat repeat) {
                LOG.debug("Message {} was delivered again; answering as the first time", sms.messageSid());
                delivery.offer(WebhookReply.text(repeat.reply()));
                return;
            }
            if (claim instanceof Claim.Busy) {
                LOG.warn("Message {} is still being handled by another delivery; this one gets no reply", sms.messageSid());
                delivery.offer(null);
                return;
            }
            Claim.Handle handle = (Claim.Handle) claim;
            Handled handled = handle(sms, handle, delivery);
            boolean inAnswer = delivery.offer(handled.reply());
            // Recorded before a late reply goes out: that REST call may take a while, and a repeat meanwhile
            // must find the message handled.
            if (handled.settled()) {
                record(handle, inAnswer ? handled.reply() : null);
            }
            if (!inAnswer) {
                sendLate(sms, handled.reply());
            }
        } finally {
            delivery.offer(null);
        }
    }

    /** What became of a message this delivery handled. */
    private record Handled(WebhookReply reply, boolean settled) {

        static Handled settled(WebhookReply reply) {
            return new Handled(reply, true);
        }

        /** The engine did not take it: its claim was released, so its next delivery handles it as new. */
        static Handled released(WebhookReply reply) {
            return new Handled(reply, false);
        }
    }

    private void sendLate(InboundSms sms, WebhookReply reply) {
        if (reply == null) {
            return;
        }
        try {
            lateReply.send(sms, reply);
        } catch (RuntimeException e) {
            LOG.error("The reply to message {} came after the webhook had answered and could not be sent: {}", sms.messageSid(),
                    e.getMessage(), e);
        }
    }

    /** The ledger keeps the reply's text: a repeat of a message whose reply had media is answered with its text alone. */
    private void record(Claim.Handle claim, WebhookReply reply) {
        try {
            ledger.answer(claim, reply == null ? null : reply.text());
        } catch (RuntimeException e) {
            LOG.error("Message {} was handled but its reply could not be recorded: {}", claim.messageSid(), e.getMessage(), e);
        }
    }

    private Handled handle(InboundSms sms, Claim.Handle claim, Delivery<WebhookReply> delivery) {
        // No reply when SMS_OPT_OUT fails either: Twilio has answered the keyword itself.
        if (sms.hasOptOutType() && !publishedOptOut(sms, claim)) {
            return Handled.released(null);
        }
        if (sms.isOptOut()) {
            LOG.info("Message {} is an opt-out (STOP): SMS_OPT_OUT published, not matched against the triggers", sms.messageSid());
            return Handled.settled(null);
        }
        Optional<TriggerMatch> found = triggers.match(sms.body());
        if (found.isEmpty()) {
            LOG.debug("Message {} matches no trigger", sms.messageSid());
            return Handled.settled(null);
        }
        TriggerMatch match = found.get();
        Optional<WebhookReply> processReply;
        boolean answeredByProcess;
        // A REPLY the hand-over reaches answers here, on this thread, instead of the echo.
        try (OpenReply webhook = OpenReply.open(sms.messageSid(), delivery::isWaiting)) {
            publisher.publish(match, sms);
            // Read only now that the hand-over has committed: a REPLY in one that rolled back answered nothing.
            processReply = webhook.given();
            answeredByProcess = webhook.isAnswered();
        } catch (RuntimeException e) {
            LOG.error("Message {} matched trigger '{}' but SMS_RECEIVED could not be published; its next delivery counts as new: {}",
                    sms.messageSid(), match.trigger().name(), e.getMessage(), e);
            ledger.release(claim);
            return Handled.released(echoError(match, sms));
        }
        LOG.info("Message {} matched trigger '{}'; SMS_RECEIVED published", sms.messageSid(), match.trigger().name());
        metrics.matched(match.trigger().name());
        if (answeredByProcess) {
            // Twilio's own answer to START or HELP does not keep it out: the process asked for it.
            LOG.debug("Message {} is answered by a process's REPLY instead of the echo", sms.messageSid());
            return Handled.settled(processReply.orElse(null));
        }
        if (sms.isAnsweredByTwilio()) {
            return Handled.settled(null);
        }
        try {
            return Handled.settled(WebhookReply.text(render(match.trigger().echo(), match, sms, "echo")));
        } catch (TemplateProblem e) {
            LOG.warn("The echo of trigger '{}' cannot be rendered: {}", match.trigger().name(), e.getMessage());
            return Handled.settled(echoError(match, sms));
        }
    }

    /** Publishes {@code SMS_OPT_OUT}; when the engine refuses it, releases the claim, so that Twilio's retry is handled as new. */
    private boolean publishedOptOut(InboundSms sms, Claim.Handle claim) {
        try {
            optOuts.publish(sms);
            return true;
        } catch (RuntimeException e) {
            LOG.error("Message {} is an opt-out keyword ({}) but SMS_OPT_OUT could not be published; its next delivery counts as new: {}",
                    sms.messageSid(), sms.optOutType(), e.getMessage(), e);
            ledger.release(claim);
            return false;
        }
    }

    /** The echoError for a message that was not handled, when a trigger matches it. */
    private WebhookReply echoError(InboundSms sms) {
        if (sms.isOptOut()) {
            return null;
        }
        return triggers.match(sms.body()).map(match -> echoError(match, sms)).orElse(null);
    }

    private static WebhookReply echoError(TriggerMatch match, InboundSms sms) {
        try {
            return WebhookReply.text(render(match.trigger().echoError(), match, sms, "echoError"));
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
        // Rendering stops at the cut: a runaway echo never holds more than MAX_REPLY_LENGTH characters.
        SmsTemplate.Rendered rendered = template.renderAtMost(template.scope(variables), sms.from(), MAX_REPLY_LENGTH);
        if (rendered.cut()) {
            LOG.warn("The {} of trigger '{}' is longer than {} characters; it is cut there", which, match.trigger().name(), MAX_REPLY_LENGTH);
        }
        String text = rendered.text();
        return text.isBlank() ? null : text;
    }
}

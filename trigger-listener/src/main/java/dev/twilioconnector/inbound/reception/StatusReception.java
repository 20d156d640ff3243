package dev.twilioconnector.inbound.reception;

import dev.twilioconnector.flowable.inbound.InboundMessageLedger;
import dev.twilioconnector.flowable.inbound.InboundMessageLedger.Claim;
import dev.twilioconnector.flowable.inbound.StatusOrder;
import dev.twilioconnector.inbound.webhook.DeliveryReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One delivery report after its signature was checked: published once per message and status,
 * however often Twilio posts it and whichever node gets it. Reports of one message with different
 * statuses (sent, then delivered) are each published, in the order of their stages: a report that comes
 * after a later stage of its message was published is not ({@link StatusOrder}).
 */
public final class StatusReception {

    /** What became of a report. */
    public enum Outcome {
        /** Handed to the engine as {@code SMS_STATUS}. */
        PUBLISHED,
        /** Published before; nothing done. */
        REPEATED,
        /** Another delivery of it is being handled right now. */
        BUSY,
        /** A later status of the same message was published already ({@code sent} after {@code delivered}): not published. */
        SUPERSEDED,
        /**
         * The engine did not take it, or the database could not be asked. It is not recorded as
         * received, so Twilio's next delivery of it is handled as new.
         */
        FAILED
    }

    private static final Logger LOG = LoggerFactory.getLogger(StatusReception.class);

    private final InboundMessageLedger ledger;
    private final StatusEventPublisher publisher;
    private final StatusOrder order;

    public StatusReception(InboundMessageLedger ledger, StatusEventPublisher publisher, StatusOrder order) {
        this.ledger = ledger;
        this.publisher = publisher;
        this.order = order;
    }

    public Outcome receive(DeliveryReport report) {
        Claim claim;
        try {
            claim = ledger.claim(report.key());
        } catch (RuntimeException e) {
            LOG.error("Report {} of message {} could not be checked against earlier deliveries, so it is not handled now and "
                    + "its next delivery counts as new: {}", report.status(), report.messageSid(), e.getMessage());
            return Outcome.FAILED;
        }
        if (claim instanceof Claim.Repeat) {
            LOG.debug("Report {} of message {} was received before", report.status(), report.messageSid());
            return Outcome.REPEATED;
        }
        if (claim instanceof Claim.Busy) {
            return Outcome.BUSY;
        }
        Claim.Handle handle = (Claim.Handle) claim;
        try {
            if (!order.advance(report.messageSid(), report.status())) {
                LOG.debug("Report {} of message {} came after a later one: not published", report.status(), report.messageSid());
                ledger.answer(handle, null);
                return Outcome.SUPERSEDED;
            }
            publisher.publish(report);
        } catch (RuntimeException e) {
            LOG.error("Report {} of message {} could not be published as SMS_STATUS; its next delivery counts as new: {}",
                    report.status(), report.messageSid(), e.getMessage(), e);
            ledger.release(handle);
            return Outcome.FAILED;
        }
        try {
            ledger.answer(handle, null);
        } catch (RuntimeException e) {
            LOG.error("Report {} of message {} was published but could not be recorded: {}", report.status(), report.messageSid(),
                    e.getMessage());
        }
        LOG.debug("Report {} of message {} published as SMS_STATUS", report.status(), report.messageSid());
        return Outcome.PUBLISHED;
    }
}

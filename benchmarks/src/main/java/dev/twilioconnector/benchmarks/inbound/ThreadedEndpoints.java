package dev.twilioconnector.benchmarks.inbound;

import dev.twilioconnector.benchmarks.inbound.ThreadPerConnectionServer.Answer;
import dev.twilioconnector.benchmarks.inbound.ThreadPerConnectionServer.Handler;
import dev.twilioconnector.inbound.reception.SmsReception;
import dev.twilioconnector.inbound.webhook.InboundSms;
import dev.twilioconnector.inbound.webhook.SignatureCheck;
import dev.twilioconnector.inbound.webhook.SmsWebhookController;
import dev.twilioconnector.inbound.webhook.Twiml;

/**
 * Benchmark 3's endpoints on a {@link ThreadPerConnectionServer}: the same work as the webhook and as the
 * {@link HandOverController}, on a thread that also reads the request, to show what Tomcat's thread hand-offs cost.
 */
public final class ThreadedEndpoints {

    private ThreadedEndpoints() {
    }

    /** What {@link SmsWebhookController} does, without Tomcat and Spring MVC: signature, then the whole reception. */
    public static Handler webhook(SignatureCheck signatures, SmsReception reception) {
        return (url, form, signature) -> {
            if (!signatures.isValid(url, form, signature)) {
                return new Answer(403, SmsWebhookController.INVALID_SIGNATURE);
            }
            InboundSms sms = InboundSms.of(form);
            if (sms.messageSid() == null || sms.messageSid().isBlank()) {
                return new Answer(400, SmsWebhookController.MISSING_SID);
            }
            return new Answer(200, Twiml.reply(reception.receive(sms)));
        };
    }

    /** What {@link HandOverController} does, without Tomcat and Spring MVC. */
    public static Handler handOver(HandOverController handOver) {
        return (url, form, signature) -> {
            String reply = handOver.reply(form);
            return reply == null ? new Answer(400, "not a benchmark message") : new Answer(200, reply);
        };
    }
}

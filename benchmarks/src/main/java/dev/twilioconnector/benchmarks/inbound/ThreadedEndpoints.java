package dev.twilioconnector.benchmarks.inbound;

import dev.twilioconnector.benchmarks.LoopbackHttpServer;
import dev.twilioconnector.benchmarks.LoopbackHttpServer.Handler;
import dev.twilioconnector.benchmarks.LoopbackHttpServer.Response;
import dev.twilioconnector.inbound.reception.SmsReception;
import dev.twilioconnector.inbound.webhook.InboundSms;
import dev.twilioconnector.inbound.webhook.SignatureCheck;
import dev.twilioconnector.inbound.webhook.SmsWebhookController;
import dev.twilioconnector.inbound.webhook.Twiml;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Benchmark 3's endpoints on a {@link LoopbackHttpServer}: the same work as the webhook and as the {@link HandOverController},
 * on the thread that read the request, to show what Tomcat's thread hand-offs cost.
 */
public final class ThreadedEndpoints {

    private static final String TWIML = HttpFloorController.TEXT_XML.toString();

    private ThreadedEndpoints() {
    }

    /** What {@link SmsWebhookController} does, without Tomcat and Spring MVC: signature, then the whole reception. */
    public static Handler webhook(SignatureCheck signatures, SmsReception reception) {
        return request -> {
            Map<String, String> form = form(request.body());
            if (!signatures.isValid(request.url(), form, request.header(SmsWebhookController.SIGNATURE_HEADER))) {
                return new Response("403 Forbidden", TWIML, SmsWebhookController.INVALID_SIGNATURE);
            }
            InboundSms sms = InboundSms.of(form);
            if (sms.messageSid() == null || sms.messageSid().isBlank()) {
                return new Response("400 Bad Request", TWIML, SmsWebhookController.MISSING_SID);
            }
            return new Response("200 OK", TWIML, Twiml.reply(reception.receive(sms)));
        };
    }

    /** What {@link HandOverController} does, without Tomcat and Spring MVC. */
    public static Handler handOver(HandOverController handOver) {
        return request -> {
            String reply = handOver.reply(form(request.body()));
            return reply == null ? new Response("400 Bad Request", TWIML, "not a benchmark message") : new Response("200 OK", TWIML, reply);
        };
    }

    private static Map<String, String> form(String encoded) {
        Map<String, String> form = new HashMap<>();
        for (String pair : encoded.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                form.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }
}

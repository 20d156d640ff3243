package dev.twilioconnector.inbound.boot;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;
import java.time.Duration;

/**
 * The {@code twilio.webhook.*} properties.
 *
 * @param publicUrl              the public base URL under which Twilio reaches the application (scheme, host,
 *                               optional port and context path); signatures are checked over it plus the
 *                               request's path and query. Unset: the URL is rebuilt from the request and its
 *                               {@code X-Forwarded-*} headers. {@code TWILIO_WEBHOOK_URL}
 * @param path                   where Twilio posts incoming messages
 * @param statusPath             where Twilio posts delivery reports of outbound messages; SEND_SMS asks for them
 *                               there when {@code publicUrl} is set. {@code TWILIO_WEBHOOK_STATUS_PATH}
 * @param validateSignature      check {@code X-Twilio-Signature}; switch off only for local experiments
 * @param duplicateWait          how long a repeated delivery waits for the first one's reply
 * @param takeoverAfter          how long a delivery may stay unanswered (its node died) before a repeat handles the message
 * @param deduplicationRetention how long handled message SIDs are remembered
 * @param answerWithin           the longest the webhooks take to answer, whatever the started or woken process does
 *                               or the database does not; a reply not ready by then is sent through the REST API.
 *                               Keep it under Twilio's 15 seconds
 */
@ConfigurationProperties("twilio.webhook")
public record WebhookProperties(
        URI publicUrl,
        @DefaultValue("/twilio/sms") String path,
        @DefaultValue("/twilio/status") String statusPath,
        @DefaultValue("true") boolean validateSignature,
        @DefaultValue("10s") Duration duplicateWait,
        @DefaultValue("2m") Duration takeoverAfter,
        @DefaultValue("7d") Duration deduplicationRetention,
        @DefaultValue("10s") Duration answerWithin) {
}

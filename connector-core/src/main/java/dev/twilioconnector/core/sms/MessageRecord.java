package dev.twilioconnector.core.sms;

import java.time.OffsetDateTime;

/**
 * A message as Twilio describes it (its Message resource), with Twilio's own types: segment and media
 * counts and the price are the strings Twilio answers with.
 */
public record MessageRecord(String sid, String to, String from, String body, String status, String direction,
                            String messagingServiceSid, String numSegments, String numMedia, Integer errorCode,
                            String errorMessage, String price, String priceUnit, OffsetDateTime dateCreated,
                            OffsetDateTime dateSent, OffsetDateTime dateUpdated) {
}

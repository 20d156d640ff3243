package dev.twilioconnector.core;

import dev.twilioconnector.core.sms.DeliveryJournal;
import dev.twilioconnector.core.sms.FetchMessage;
import dev.twilioconnector.core.sms.ListMessages;
import dev.twilioconnector.core.sms.MessageRecord;
import dev.twilioconnector.core.sms.SendOutcome;
import dev.twilioconnector.core.sms.SendSms;
import dev.twilioconnector.core.verify.CheckVerification;
import dev.twilioconnector.core.verify.CodeCheck;
import dev.twilioconnector.core.verify.StartVerification;
import dev.twilioconnector.core.verify.Verification;

import java.util.List;

/**
 * What the connector does with Twilio, one typed request per action. Every request is checked before
 * any I/O (credentials first, then the request's own {@link TwilioRequest#problem}); no method throws
 * for an input or Twilio problem: each answers with {@link TwilioProblem}s instead.
 */
public interface TwilioClient {

    /** Renders and sends one text to each recipient, messaging nobody twice that {@code journal} remembers. */
    SendOutcome send(SendSms request, DeliveryJournal journal);

    /** Renders and sends one text to each recipient. */
    default SendOutcome send(SendSms request) {
        return send(request, DeliveryJournal.NONE);
    }

    /**
     * The text the one recipient of {@code request} would get from {@link #send}, rendered and checked as {@code send} does
     * (template, length, empty text, sender, media), for a reply that goes out in a webhook's TwiML answer instead of
     * through the Messages API; nothing is sent and no credentials are needed. The value is {@code null} for a message
     * without text (media only).
     */
    Answer<String> compose(SendSms request);

    /** One message, by its SID. */
    Answer<MessageRecord> fetch(FetchMessage request);

    /** The messages matching the filters, newest first, following Twilio's pages up to the limit. */
    Answer<List<MessageRecord>> list(ListMessages request);

    /** Twilio Verify sends a one-time code. */
    Answer<Verification> start(StartVerification request);

    /** Whether the code a person typed is the one sent; a wrong code is an answer, not a problem. */
    Answer<CodeCheck> check(CheckVerification request);
}

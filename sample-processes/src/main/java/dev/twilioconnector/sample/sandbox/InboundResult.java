package dev.twilioconnector.sample.sandbox;

/**
 * What the application answered the sandbox phone.
 *
 * @param httpStatus the webhook's HTTP status: 200, or 403 when it refused the signature
 * @param twiml      the answer as sent: TwiML on 200, else the error text
 * @param replyText  the text of the TwiML {@code <Message>}, {@code null} for {@code <Response/>} or a refusal
 * @param messageSid the SID of the message the phone sent
 */
public record InboundResult(int httpStatus, String twiml, String replyText, String messageSid) {

    public boolean accepted() {
        return httpStatus == 200;
    }
}

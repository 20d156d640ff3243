package dev.twilioconnector.flowable.action;

import dev.twilioconnector.core.Refusal;
import dev.twilioconnector.core.TwilioProblem;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every refusal of the connector, in the words of the task that met it: the texts tasks have always written
 * to {@code twilioError}, whatever the connector says in Twilio's words.
 */
class TaskWordingTest {

    @Test
    void sendSmsNamesItsFields() {
        assertWords(TwilioAction.SEND_SMS, Refusal.NO_RECIPIENT.problem(), "smsTo names no recipient");
        assertWords(TwilioAction.SEND_SMS, Refusal.NO_BODY.problem(), "smsBody is missing: give the task an smsBody field or variable");
        assertWords(TwilioAction.SEND_SMS, Refusal.NO_SENDER.problem(), "no sender: set smsFrom on the task, or TWILIO_FROM "
                + "(twilio.default-from) or TWILIO_MESSAGING_SERVICE_SID (twilio.messaging-service-sid)");
        assertWords(TwilioAction.SEND_SMS, Refusal.INVALID_FROM.problem("0049-123"),
                "smsFrom '0049-123' is neither an E.164 number nor an alphanumeric sender ID");
        assertWords(TwilioAction.SEND_SMS, Refusal.INVALID_MESSAGING_SERVICE.problem("XX1"), "Messaging Service SID 'XX1' must start with MG");
        assertWords(TwilioAction.SEND_SMS, Refusal.SCHEDULE_WITHOUT_SERVICE.problem(), "scheduled sending (smsSendAt) needs a Messaging "
                + "Service: set smsMessagingServiceSid on the task or TWILIO_MESSAGING_SERVICE_SID (twilio.messaging-service-sid)");
        assertWords(TwilioAction.SEND_SMS, Refusal.BODY_TOO_LONG.problemFor("+15551230001"),
                "the message is longer than 1600 characters (rendering smsBody stopped there); Twilio accepts at most 1600");
        assertWords(TwilioAction.SEND_SMS, Refusal.EMPTY_BODY.problemFor("+15551230001"), "the message text is empty after rendering smsBody");
        assertWords(TwilioAction.SEND_SMS, Refusal.BODY_TEMPLATE.problem("template has a syntax error at line 1, column 9: …"),
                "smsBody template has a syntax error at line 1, column 9: …");
        assertWords(TwilioAction.SEND_SMS, Refusal.TOO_MANY_MEDIA.problem("11"), "smsMediaUrl names 11 media URLs; Twilio accepts at most 10");
        assertWords(TwilioAction.SEND_SMS, Refusal.MEDIA_NOT_HTTP.problem("ftp://x"), "smsMediaUrl 'ftp://x' is not an http(s) URL");
        assertWords(TwilioAction.SEND_SMS, Refusal.CALLBACK_NOT_HTTP.problem("x"), "smsStatusCallback 'x' is not an http(s) URL");
        assertWords(TwilioAction.SEND_SMS, Refusal.CONTENT_SID_FORMAT.problem("XX1"),
                "smsContentSid 'XX1' must be a content template SID starting with HX");
        assertWords(TwilioAction.SEND_SMS, Refusal.CONTENT_VARIABLES_WITHOUT_SID.problem(), "smsContentVariables is set without smsContentSid");
        assertWords(TwilioAction.SEND_SMS, Refusal.SEND_AT_RANGE.problem("2026-11-22T10:05:00Z"),
                "smsSendAt 2026-11-22T10:05:00Z is not between 15 minutes and 35 days from now, as Twilio requires");
        assertWords(TwilioAction.SEND_SMS, Refusal.INVALID_RECIPIENT.problemFor("12345", "'12345' is not a phone number in E.164 form"),
                "'12345' is not a phone number in E.164 form");
        assertWords(TwilioAction.SEND_SMS, Refusal.CREDENTIALS.problem("Twilio credentials are not configured"),
                "Twilio credentials are not configured");
    }

    @Test
    void replyNamesItsFieldsAndTheMessageItAnswers() {
        assertWords(TwilioAction.REPLY, Refusal.NO_BODY.problem(), "smsBody is missing: give the task an smsBody field or variable");
        assertWords(TwilioAction.REPLY, Refusal.MEDIA_NOT_HTTP.problem("ftp://x"), "smsMediaUrl 'ftp://x' is not an http(s) URL");
        assertWords(TwilioAction.REPLY, Refusal.BODY_TOO_LONG.problemFor("+15551230001"),
                "the message is longer than 1600 characters (rendering smsBody stopped there); Twilio accepts at most 1600");
        assertWords(TwilioAction.REPLY, Refusal.INVALID_FROM.problem("0049-123"),
                "twilioMessageTo '0049-123' is neither an E.164 number nor an alphanumeric sender ID");
        assertWords(TwilioAction.REPLY, Refusal.NO_SENDER.problem(), "no sender: the message this instance answers names no number it "
                + "was sent to (twilioMessageTo), and neither TWILIO_FROM (twilio.default-from) nor TWILIO_MESSAGING_SERVICE_SID "
                + "(twilio.messaging-service-sid) is set");
    }

    @Test
    void lookupsNameTheirFields() {
        assertWords(TwilioAction.GET_MESSAGE, Refusal.NO_MESSAGE_SID.problem(), "messageSid is missing");
        assertWords(TwilioAction.GET_MESSAGE, Refusal.INVALID_MESSAGE_SID.problem("CA123"),
                "messageSid 'CA123' is not a message SID (SM or MM and 32 hex digits)");
        assertWords(TwilioAction.LIST_MESSAGES, Refusal.PAGE_SIZE_RANGE.problem("0"), "pageSize must be a whole number from 1 to 1000, was '0'");
        assertWords(TwilioAction.LIST_MESSAGES, Refusal.LIMIT_RANGE.problem("many"), "limit must be a whole number of at least 1, was 'many'");
        assertWords(TwilioAction.LIST_MESSAGES, Refusal.FROM_NOT_E164.problem("555"), "from '555' is not a phone number in E.164 form");
        assertWords(TwilioAction.LIST_MESSAGES, Refusal.TO_NOT_E164.problem("555"), "to '555' is not a phone number in E.164 form");
    }

    @Test
    void verificationsNameTheirFields() {
        assertWords(TwilioAction.SEND_VERIFICATION, Refusal.NO_SERVICE_SID.problem(), "verifyServiceSid is missing");
        assertWords(TwilioAction.SEND_VERIFICATION, Refusal.INVALID_SERVICE_SID.problem("MG1"),
                "verifyServiceSid 'MG1' must be a Verify Service SID starting with VA");
        assertWords(TwilioAction.SEND_VERIFICATION, Refusal.NO_TO.problem(), "to is missing");
        assertWords(TwilioAction.SEND_VERIFICATION, Refusal.INVALID_CHANNEL.problem("pigeon"),
                "channel 'pigeon' is not one of call, email, sms, whatsapp");
        assertWords(TwilioAction.SEND_VERIFICATION, Refusal.TO_NOT_EMAIL.problem("+1555"),
                "to '+1555' is not an e-mail address, which the email channel needs");
        assertWords(TwilioAction.SEND_VERIFICATION, Refusal.TO_NOT_E164.problem("555"), "to '555' is not a phone number in E.164 form");
        assertWords(TwilioAction.SEND_VERIFICATION, Refusal.INVALID_LOCALE.problem("english"),
                "locale 'english' is not a language tag such as en or pt-BR");
        assertWords(TwilioAction.SEND_VERIFICATION, Refusal.CUSTOM_CODE_FORMAT.problem(), "customCode must be 4 to 10 digits");
        assertWords(TwilioAction.CHECK_VERIFICATION, Refusal.NO_CODE.problem(), "code is missing");
        assertWords(TwilioAction.CHECK_VERIFICATION, Refusal.CODE_FORMAT.problem(), "code must be 4 to 10 digits");
    }

    @Test
    void whatTwilioSaidStaysAsItSaidIt() {
        TwilioProblem stated = new TwilioProblem("+15551230001", 21610, 400, "Attempt to send to unsubscribed recipient");

        assertThat(TwilioAction.SEND_SMS.wording().of(stated)).isSameAs(stated);
    }

    @Test
    void onlyTheTextChanges() {
        TwilioProblem problem = Refusal.BODY_TOO_LONG.problemFor("+15551230001");
        TwilioProblem worded = TwilioAction.SEND_SMS.wording().of(problem);

        assertThat(worded.recipient()).isEqualTo("+15551230001");
        assertThat(worded.code()).isEqualTo(21617);
        assertThat(worded.status()).isNull();
        assertThat(worded.refusal()).isEqualTo(Refusal.BODY_TOO_LONG);
    }

    private static void assertWords(TwilioAction action, TwilioProblem problem, String text) {
        assertThat(action.wording().of(problem).message()).isEqualTo(text);
    }
}

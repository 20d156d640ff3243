package dev.twilioconnector.inbound.webhook;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InboundSmsTest {

    private static Map<String, String> form() {
        Map<String, String> form = new HashMap<>();
        form.put("MessageSid", "SM11111111111111111111111111111111");
        form.put("SmsMessageSid", "SM11111111111111111111111111111111");
        form.put("AccountSid", "AC00000000000000000000000000000000");
        form.put("From", "+14155551234");
        form.put("To", "+14155550000");
        form.put("Body", "Order Number 4711");
        form.put("NumMedia", "0");
        return form;
    }

    @Test
    void readsTheFields() {
        InboundSms sms = InboundSms.of(form());

        assertThat(sms.messageSid()).isEqualTo("SM11111111111111111111111111111111");
        assertThat(sms.from()).isEqualTo("+14155551234");
        assertThat(sms.to()).isEqualTo("+14155550000");
        assertThat(sms.body()).isEqualTo("Order Number 4711");
        assertThat(sms.optOutType()).isNull();
        assertThat(sms.mediaUrls()).isEmpty();
    }

    @Test
    void messageSidWinsOverSmsMessageSid() {
        Map<String, String> form = form();
        form.put("SmsMessageSid", "SM22222222222222222222222222222222");

        assertThat(InboundSms.of(form).messageSid()).isEqualTo("SM11111111111111111111111111111111");
    }

    @Test
    void smsMessageSidIsTheFallback() {
        Map<String, String> form = form();
        form.remove("MessageSid");
        form.put("SmsMessageSid", "SM33333333333333333333333333333333");

        assertThat(InboundSms.of(form).messageSid()).isEqualTo("SM33333333333333333333333333333333");
    }

    @Test
    void noSidAtAll() {
        Map<String, String> form = form();
        form.remove("MessageSid");
        form.remove("SmsMessageSid");

        assertThat(InboundSms.of(form).messageSid()).isNull();
    }

    @Test
    void aMissingBodyIsEmptyText() {
        Map<String, String> form = form();
        form.remove("Body");

        assertThat(InboundSms.of(form).body()).isEqualTo("");
        assertThat(new InboundSms("SM1", "+1", "+2", null, null, List.of()).body()).isEqualTo("");
    }

    @Test
    void theBodyIsKeptAsSent() {
        Map<String, String> form = form();
        form.put("Body", "  Gr\u00fc\u00dfe \uD83D\uDE00 1+1=2 \n");

        assertThat(InboundSms.of(form).body()).isEqualTo("  Gr\u00fc\u00dfe \uD83D\uDE00 1+1=2 \n");
    }

    @Test
    void mediaUrlsInOrder() {
        Map<String, String> form = form();
        form.put("NumMedia", "2");
        form.put("MediaUrl1", "https://api.twilio.com/media/second");
        form.put("MediaUrl0", "https://api.twilio.com/media/first");

        assertThat(InboundSms.of(form).mediaUrls())
                .containsExactly("https://api.twilio.com/media/first", "https://api.twilio.com/media/second");
    }

    @Test
    void onlyAsManyMediaUrlsAsNumMediaSays() {
        Map<String, String> form = form();
        form.put("NumMedia", "1");
        form.put("MediaUrl0", "https://api.twilio.com/media/first");
        form.put("MediaUrl1", "https://api.twilio.com/media/smuggled");

        assertThat(InboundSms.of(form).mediaUrls()).containsExactly("https://api.twilio.com/media/first");
    }

    @Test
    void missingOrBlankMediaUrlsAreSkipped() {
        Map<String, String> form = form();
        form.put("NumMedia", "3");
        form.put("MediaUrl0", " ");
        form.put("MediaUrl2", "https://api.twilio.com/media/third");

        assertThat(InboundSms.of(form).mediaUrls()).containsExactly("https://api.twilio.com/media/third");
    }

    @Test
    void garbageNumMediaMeansNoMedia() {
        for (String garbage : new String[] {"two", "", "1.5", "-3", "99999999999999999999"}) {
            Map<String, String> form = form();
            form.put("NumMedia", garbage);
            form.put("MediaUrl0", "https://api.twilio.com/media/first");

            assertThat(InboundSms.of(form).mediaUrls()).as("NumMedia=%s", garbage).isEmpty();
        }
    }

    @Test
    void aNumMediaWithSpacesIsRead() {
        Map<String, String> form = form();
        form.put("NumMedia", " 1 ");
        form.put("MediaUrl0", "https://api.twilio.com/media/first");

        assertThat(InboundSms.of(form).mediaUrls()).containsExactly("https://api.twilio.com/media/first");
    }

    @Test
    void mediaUrlsCannotBeChanged() {
        Map<String, String> form = form();
        form.put("NumMedia", "1");
        form.put("MediaUrl0", "https://api.twilio.com/media/first");

        assertThatThrownBy(() -> InboundSms.of(form).mediaUrls().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void stopIsAnOptOutWhateverItsCase() {
        for (String stop : new String[] {"STOP", "stop", "Stop"}) {
            InboundSms sms = withOptOut(stop);

            assertThat(sms.optOutType()).isEqualTo(stop);
            assertThat(sms.isOptOut()).as(stop).isTrue();
            assertThat(sms.isAnsweredByTwilio()).as(stop).isFalse();
        }
    }

    @Test
    void startAndHelpAreAnsweredByTwilioButAreNoOptOut() {
        for (String type : new String[] {"START", "HELP", "start", "Help"}) {
            InboundSms sms = withOptOut(type);

            assertThat(sms.isAnsweredByTwilio()).as(type).isTrue();
            assertThat(sms.isOptOut()).as(type).isFalse();
        }
    }

    @Test
    void noOrAnUnknownOptOutType() {
        assertThat(InboundSms.of(form()).isOptOut()).isFalse();
        assertThat(InboundSms.of(form()).isAnsweredByTwilio()).isFalse();
        assertThat(withOptOut("UNSUBSCRIBE").isOptOut()).isFalse();
        assertThat(withOptOut("UNSUBSCRIBE").isAnsweredByTwilio()).isFalse();
        assertThat(withOptOut("").isOptOut()).isFalse();
    }

    private static InboundSms withOptOut(String type) {
        Map<String, String> form = form();
        form.put("OptOutType", type);
        return InboundSms.of(form);
    }
}

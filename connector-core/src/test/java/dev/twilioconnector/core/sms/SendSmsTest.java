package dev.twilioconnector.core.sms;

import dev.twilioconnector.core.Refusal;
import dev.twilioconnector.core.TwilioProblem;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** A send checks itself before any request, in Twilio's words, and takes the defaults it does not override. */
class SendSmsTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final String A = "+15551230001";
    private static final String FROM = "+15005550006";
    private static final String SERVICE = "MG0123456789abcdef0123456789abcdef";
    private static final URI OWN_CALLBACK = URI.create("https://hooks.example.com/mine");
    private static final URI APP_CALLBACK = URI.create("https://bpm.example.com/twilio/status");

    private static SendSms send(String from, String service, String body, MessageOptions options) {
        return new SendSms(from, service, List.of(A), body, Map.of(), options);
    }

    private static Optional<TwilioProblem> problem(SendSms request) {
        return request.problem(NOW);
    }

    @Test
    void aCompleteRequestHasNoProblem() {
        assertThat(problem(send(FROM, null, "hi", null))).isEmpty();
        assertThat(problem(send("ACME Shop", null, "hi", null))).as("an alphanumeric sender ID").isEmpty();
        assertThat(problem(send("whatsapp:" + FROM, null, "hi", null))).isEmpty();
        assertThat(problem(send(null, SERVICE, "hi", null))).isEmpty();
    }

    @Test
    void refusesWithoutSender() {
        assertThat(problem(send(null, null, "hi", null))).contains(Refusal.NO_SENDER.problem());
        assertThat(Refusal.NO_SENDER.problem().message()).isEqualTo("no sender: set From on the request, or TWILIO_FROM "
                + "(twilio.default-from) or TWILIO_MESSAGING_SERVICE_SID (twilio.messaging-service-sid)");
    }

    @Test
    void refusesAnInvalidSender() {
        assertThat(problem(send("0049-123", null, "hi", null))).hasValueSatisfying(problem -> {
            assertThat(problem.code()).isEqualTo(21212);
            assertThat(problem.concernsWholeRequest()).isTrue();
            assertThat(problem.message()).isEqualTo("From '0049-123' is neither an E.164 number nor an alphanumeric sender ID");
        });
        assertThat(problem(send(null, "XX123", "hi", null))).contains(Refusal.INVALID_MESSAGING_SERVICE.problem("XX123"));
    }

    @Test
    void refusesWithoutTextMediaOrContentTemplate() {
        assertThat(problem(send(FROM, null, null, null))).contains(Refusal.NO_BODY.problem());
        assertThat(problem(send(FROM, null, "   ", null))).contains(Refusal.NO_BODY.problem());
        assertThat(problem(send(FROM, null, null, media("https://example.com/cat.gif")))).isEmpty();
        assertThat(problem(send(FROM, null, null, new MessageOptions(null, null, "HX1", null, null)))).isEmpty();
    }

    @Test
    void refusesWithoutRecipientsAndLeavesBlankOnesOut() {
        SendSms blank = new SendSms(FROM, null, Arrays.asList(" ", "", null), "hi", null);

        assertThat(blank.to()).isEmpty();
        assertThat(problem(blank)).contains(Refusal.NO_RECIPIENT.problem());
        assertThat(problem(new SendSms(FROM, null, null, "hi", null))).contains(Refusal.NO_RECIPIENT.problem());
    }

    @Test
    void anInvalidRecipientIsNoProblemOfTheWholeSend() {
        SendSms request = new SendSms(FROM, null, List.of(A, "12345", " " + A + " "), "hi", null);

        assertThat(problem(request)).isEmpty();
        assertThat(request.recipients().valid()).containsExactly(A);
        assertThat(request.recipients().problems()).singleElement().satisfies(problem -> {
            assertThat(problem.recipient()).isEqualTo("12345");
            assertThat(problem.code()).isEqualTo(21211);
        });
    }

    @Test
    void checksTheOptionsFirstThenTheSenderTheTextAndTheRecipients() {
        SendSms everythingWrong = new SendSms(null, null, List.of(), null, null, media("ftp://example.com/x.png"));

        assertThat(problem(everythingWrong)).contains(Refusal.MEDIA_NOT_HTTP.problem("ftp://example.com/x.png"));
    }

    @Test
    void checksEachOption() {
        assertThat(problem(send(FROM, null, "x", media(Collections.nCopies(11, "https://example.com/x.png").toArray(String[]::new)))))
                .contains(Refusal.TOO_MANY_MEDIA.problem("11"));
        assertThat(problem(send(FROM, null, "x", new MessageOptions(null, URI.create("mailto:ada@example.com"), null, null, null))))
                .contains(Refusal.CALLBACK_NOT_HTTP.problem("mailto:ada@example.com"));
        assertThat(problem(send(FROM, null, null, new MessageOptions(null, null, "XX1", null, null))))
                .contains(Refusal.CONTENT_SID_FORMAT.problem("XX1"));
        assertThat(problem(send(FROM, null, "x", new MessageOptions(null, null, null, Map.of("1", "Ada"), null))))
                .contains(Refusal.CONTENT_VARIABLES_WITHOUT_SID.problem());
    }

    @Test
    void schedulesFifteenMinutesToThirtyFiveDaysAheadThroughAMessagingService() {
        assertThat(problem(send(null, SERVICE, "x", at(NOW.plus(Duration.ofMinutes(15)))))).isEmpty();
        assertThat(problem(send(null, SERVICE, "x", at(NOW.plus(Duration.ofDays(35)))))).isEmpty();
        Instant soon = NOW.plus(Duration.ofMinutes(14));
        assertThat(problem(send(null, SERVICE, "x", at(soon)))).contains(Refusal.SEND_AT_RANGE.problem(soon.toString()));
        assertThat(problem(send(null, SERVICE, "x", at(NOW.plus(Duration.ofDays(36)))))).isPresent();
        assertThat(problem(send(FROM, null, "x", at(NOW.plus(Duration.ofHours(1)))))).contains(Refusal.SCHEDULE_WITHOUT_SERVICE.problem());
    }

    @Test
    void theRequestsOwnSenderWinsOverTheDefaults() {
        SendSms number = send(" " + FROM + " ", SERVICE, "x", null).withDefaults("+15005550001", "MGdefault", null);
        SendSms service = send(null, SERVICE, "x", null).withDefaults("+15005550001", "MGdefault", null);
        SendSms neither = send(" ", "", "x", null).withDefaults("+15005550001", "MGdefault", null);
        SendSms noDefaultNumber = send(null, null, "x", null).withDefaults(null, "MGdefault", null);

        assertThat(List.of(number.from(), String.valueOf(number.messagingServiceSid()))).containsExactly(FROM, "null");
        assertThat(List.of(String.valueOf(service.from()), service.messagingServiceSid())).containsExactly("null", SERVICE);
        assertThat(List.of(neither.from(), String.valueOf(neither.messagingServiceSid()))).containsExactly("+15005550001", "null");
        assertThat(List.of(String.valueOf(noDefaultNumber.from()), noDefaultNumber.messagingServiceSid()))
                .containsExactly("null", "MGdefault");
        assertThat(send("WhatsApp:" + FROM, null, "x", null).withDefaults(null, null, null).from()).isEqualTo("whatsapp:" + FROM);
    }

    @Test
    void aScheduledSendKeepsItsNumberAndTakesTheDefaultService() {
        SendSms scheduled = send(FROM, null, "x", at(NOW.plus(Duration.ofHours(1)))).withDefaults("+15005550001", "MGdefault", null);

        assertThat(scheduled.from()).isEqualTo(FROM);
        assertThat(scheduled.messagingServiceSid()).isEqualTo("MGdefault");
    }

    @Test
    void theDefaultStatusCallbackOnlyWhereTheRequestNamesNone() {
        assertThat(send(FROM, null, "x", null).withDefaults(null, null, APP_CALLBACK).options().statusCallback()).isEqualTo(APP_CALLBACK);
        assertThat(send(FROM, null, "x", new MessageOptions(null, OWN_CALLBACK, null, null, null))
                .withDefaults(null, null, APP_CALLBACK).options().statusCallback()).isEqualTo(OWN_CALLBACK);
    }

    @Test
    void aTemplateKeepsItsWhitespace() {
        assertThat(send(FROM, null, "  Hi\n", null).bodyTemplate()).isEqualTo("  Hi\n");
    }

    private static MessageOptions media(String... urls) {
        return new MessageOptions(Arrays.stream(urls).map(URI::create).toList(), null, null, null, null);
    }

    private static MessageOptions at(Instant sendAt) {
        return new MessageOptions(null, null, null, null, sendAt);
    }
}

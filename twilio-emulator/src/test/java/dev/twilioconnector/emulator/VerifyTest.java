package dev.twilioconnector.emulator;

import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.verify.v2.service.Verification;
import com.twilio.rest.verify.v2.service.VerificationCheck;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static dev.twilioconnector.emulator.RawHttp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

/** Twilio Verify through the SDK: a code is made and kept for the test, checked once, and closed after too many wrong tries. */
class VerifyTest extends EmulatedTwilioTest {

    private static final String SERVICE = "VA" + "0123456789abcdef".repeat(2);
    private static final String ADA = "+15551230001";

    @Test
    void aVerificationIsPendingAndItsCodeApprovesItOnce() {
        Verification started = Verification.creator(SERVICE, ADA, "sms").create(client);

        assertThat(started.getSid()).matches("^VE[0-9a-f]{32}$");
        assertThat(started.getServiceSid()).isEqualTo(SERVICE);
        assertThat(started.getAccountSid()).isEqualTo(twilio.accountSid());
        assertThat(started.getTo()).isEqualTo(ADA);
        assertThat(started.getChannel()).isEqualTo(Verification.Channel.SMS);
        assertThat(started.getStatus()).isEqualTo("pending");
        assertThat(started.getValid()).isFalse();
        assertThat(started.getDateCreated()).isNotNull();
        assertThat(started.getUrl()).hasToString("https://verify.twilio.com/v2/Services/" + SERVICE + "/Verifications/" + started.getSid());
        String code = twilio.verificationCode(ADA).orElseThrow();
        assertThat(code).matches("^\\d{6}$");

        VerificationCheck wrong = VerificationCheck.creator(SERVICE).setTo(ADA).setCode(code.equals("000000") ? "111111" : "000000").create(client);
        VerificationCheck right = VerificationCheck.creator(SERVICE).setTo(ADA).setCode(code).create(client);

        assertThat(wrong.getStatus()).isEqualTo("pending");
        assertThat(wrong.getValid()).isFalse();
        assertThat(right.getStatus()).isEqualTo("approved");
        assertThat(right.getValid()).isTrue();
        assertThat(right.getSid()).isEqualTo(started.getSid());
        assertThat(twilio.verificationCode(ADA)).as("approved, so no longer pending").isEmpty();
        assertThatThrownBy(() -> VerificationCheck.creator(SERVICE).setTo(ADA).setCode(code).create(client))
                .asInstanceOf(type(ApiException.class)).satisfies(e -> {
                    assertThat(e.getStatusCode()).isEqualTo(404);
                    assertThat(e.getCode()).isEqualTo(20404);
                });
        assertThat(twilio.requests(RequestMatch.verificationStart())).singleElement().satisfies(request -> {
            assertThat(request.param("To")).isEqualTo(ADA);
            assertThat(request.param("Channel")).isEqualTo("sms");
        });
        assertThat(twilio.requests(RequestMatch.verificationCheck())).hasSize(3);
    }

    @Test
    void startingAgainResendsTheSameCodeAndACustomCodeIsUsed() {
        Verification first = Verification.creator(SERVICE, ADA, "whatsapp").setLocale("pt-BR").create(client);
        Verification again = Verification.creator(SERVICE, ADA, "sms").create(client);
        Verification custom = Verification.creator(SERVICE, "+15551230002", "sms").setCustomCode("123456").create(client);
        Verification byEmail = Verification.creator(SERVICE, "ada@example.com", "email").create(client);

        assertThat(again.getSid()).isEqualTo(first.getSid());
        assertThat(again.getSendCodeAttempts()).hasSize(2);
        assertThat(again.getChannel()).isEqualTo(Verification.Channel.SMS);
        assertThat(twilio.verificationCode("+15551230002")).contains("123456");
        assertThat(byEmail.getStatus()).isEqualTo("pending");
        assertThat(twilio.verificationCode("ada@example.com")).isPresent();
        assertThat(VerificationCheck.creator(SERVICE).setVerificationSid(custom.getSid()).setCode("123456").create(client).getStatus())
                .isEqualTo("approved");
    }

    @Test
    void afterFiveWrongCodesTheVerificationIsClosedWith60202() {
        Verification.creator(SERVICE, ADA, "sms").setCustomCode("4242").create(client);
        for (int i = 0; i < VerifyApi.MAX_CHECKS; i++) {
            assertThat(VerificationCheck.creator(SERVICE).setTo(ADA).setCode("0000").create(client).getStatus()).isEqualTo("pending");
        }

        assertThatThrownBy(() -> VerificationCheck.creator(SERVICE).setTo(ADA).setCode("4242").create(client))
                .asInstanceOf(type(ApiException.class)).satisfies(e -> {
                    assertThat(e.getStatusCode()).isEqualTo(429);
                    assertThat(e.getCode()).isEqualTo(60202);
                });
    }

    @Test
    void badParametersAndUnknownServicesAreRefusedAsTwilioDoes() {
        String authorization = authorization();

        HttpResponse<String> pigeon = RawHttp.post(twilio.baseUrl(), "/v2/Services/" + SERVICE + "/Verifications", "To=%2B15551230001&Channel=pigeon",
                authorization);
        HttpResponse<String> noNumber = RawHttp.post(twilio.baseUrl(), "/v2/Services/" + SERVICE + "/Verifications", "To=555-0100&Channel=sms",
                authorization);
        HttpResponse<String> noCode = RawHttp.post(twilio.baseUrl(), "/v2/Services/" + SERVICE + "/VerificationCheck", "To=%2B15551230001",
                authorization);
        HttpResponse<String> notAService = RawHttp.post(twilio.baseUrl(), "/v2/Services/MG" + "0".repeat(32) + "/Verifications",
                "To=%2B15551230001&Channel=sms", authorization);
        HttpResponse<String> byGet = RawHttp.get(twilio.baseUrl(), "/v2/Services/" + SERVICE + "/Verifications", authorization);

        assertThat(pigeon.statusCode()).isEqualTo(400);
        assertThat(json(pigeon).get("code").asInt()).isEqualTo(60200);
        assertThat(noNumber.statusCode()).isEqualTo(400);
        assertThat(json(noNumber).get("code").asInt()).isEqualTo(60200);
        assertThat(noCode.statusCode()).isEqualTo(400);
        assertThat(notAService.statusCode()).isEqualTo(404);
        assertThat(json(notAService).get("code").asInt()).isEqualTo(20404);
        assertThat(byGet.statusCode()).isEqualTo(405);
    }

    @Test
    void aVerificationExpiresAfterTenMinutes() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
        try (TwilioEmulator ticking = TwilioEmulator.builder().clock(clock).start()) {
            TwilioRestClient tickingClient = SdkClients.of(ticking);
            Verification.creator(SERVICE, ADA, "sms").setCustomCode("5555").create(tickingClient);

            clock.advance(VerifyApi.VALID_FOR);

            assertThat(ticking.verificationCode(ADA)).isEmpty();
            assertThatThrownBy(() -> VerificationCheck.creator(SERVICE).setTo(ADA).setCode("5555").create(tickingClient))
                    .asInstanceOf(type(ApiException.class)).extracting(ApiException::getCode).isEqualTo(20404);
        }
    }

    /** A clock a test moves on. */
    private static final class MutableClock extends Clock {

        private volatile Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}

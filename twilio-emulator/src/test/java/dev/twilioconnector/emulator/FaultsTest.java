package dev.twilioconnector.emulator;

import com.twilio.exception.ApiException;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.type.PhoneNumber;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.twilioconnector.emulator.RawHttp.form;
import static dev.twilioconnector.emulator.RawHttp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;
import static org.awaitility.Awaitility.await;

/** Faults a test asks for: error answers, answers no Twilio gives, dropped and broken connections, late and held answers. */
class FaultsTest extends EmulatedTwilioTest {

    private static final String FROM = Account.DEFAULT_NUMBER;

    @Test
    void theNextRequestsFailThenTwilioAnswersAsUsual() {
        twilio.failNext(2, Fault.twilioError(400, 21211, "The 'To' number is not a valid phone number."));

        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(this::send).asInstanceOf(type(ApiException.class)).satisfies(e -> {
                assertThat(e.getStatusCode()).isEqualTo(400);
                assertThat(e.getCode()).isEqualTo(21211);
            });
        }
        Message third = send();

        assertThat(third.getSid()).matches(MessagesApiTest.SID);
        assertThat(twilio.requests()).extracting(RecordedRequest::status).containsExactly(400, 400, 201);
        assertThat(twilio.messages().sent()).hasSize(1);
    }

    @Test
    void aFaultsAnswerCarriesTwiliosJsonAndItsHeaders() {
        twilio.failNext(1, Fault.tooManyRequests(7));
        twilio.failNext(1, Fault.unavailable(0));
        twilio.failNext(1, Fault.serverError());
        twilio.failNext(1, Fault.unauthorized());

        HttpResponse<String> tooMany = post("+15551110001");
        HttpResponse<String> unavailable = post("+15551110001");
        HttpResponse<String> serverError = post("+15551110001");
        HttpResponse<String> unauthorized = post("+15551110001");

        assertThat(tooMany.statusCode()).isEqualTo(429);
        assertThat(tooMany.headers().firstValue("Retry-After")).contains("7");
        assertThat(json(tooMany).get("code").asInt()).isEqualTo(20429);
        assertThat(json(tooMany).get("more_info").asText()).isEqualTo("https://www.twilio.com/docs/errors/20429");
        assertThat(unavailable.statusCode()).isEqualTo(503);
        assertThat(unavailable.headers().firstValue("Retry-After")).contains("0");
        assertThat(json(unavailable).get("code").asInt()).isEqualTo(20503);
        assertThat(serverError.statusCode()).isEqualTo(500);
        assertThat(json(serverError).get("code").asInt()).isEqualTo(20500);
        assertThat(unauthorized.statusCode()).isEqualTo(401);
        assertThat(json(unauthorized).get("code").asInt()).isEqualTo(20003);
        assertThat(unauthorized.headers().firstValue("WWW-Authenticate")).isPresent();
        assertThat(twilio.messages().size()).isZero();
    }

    @Test
    void aFaultForOneRecipientLeavesTheOthersAlone() {
        twilio.fail(Fault.twilioError(400, 21610, "Attempt to send to unsubscribed recipient"), RequestMatch.messageCreation().to("+15551110002"));

        HttpResponse<String> refused = post("+15551110002");
        HttpResponse<String> accepted = post("+15551110003");
        HttpResponse<String> refusedAgain = post("+15551110002");

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(json(refused).get("code").asInt()).isEqualTo(21610);
        assertThat(json(refused).get("message").asText()).isEqualTo("Attempt to send to unsubscribed recipient");
        assertThat(accepted.statusCode()).isEqualTo(201);
        assertThat(refusedAgain.statusCode()).isEqualTo(400);
        assertThat(twilio.messages().sent()).extracting(dev.twilioconnector.emulator.Message::to).containsExactly("+15551110003");

        twilio.clearFaults();

        assertThat(post("+15551110002").statusCode()).isEqualTo(201);
    }

    @Test
    void aFaultCanBeNarrowedToTheBodyOrAnyParameterOrKindOfRequest() {
        twilio.fail(Fault.serverError(), RequestMatch.messageCreation().bodyContaining("on its way"));
        twilio.fail(Fault.serverError(), RequestMatch.messageCreation().param("From", "+15005550001"));
        twilio.fail(Fault.serverError(), RequestMatch.messageFetch());

        HttpResponse<String> slow = RawHttp.post(twilio.baseUrl(), RawHttp.messages(twilio.accountSid()),
                form("To", "+15551110004", "From", FROM, "Body", "Order 7 is on its way."), authorization());
        HttpResponse<String> otherSender = RawHttp.post(twilio.baseUrl(), RawHttp.messages(twilio.accountSid()),
                form("To", "+15551110004", "From", "+15005550001", "Body", "Hi"), authorization());
        Message fine = send();

        assertThat(slow.statusCode()).isEqualTo(500);
        assertThat(otherSender.statusCode()).isEqualTo(500);
        assertThatThrownBy(() -> Message.fetcher(fine.getSid()).fetch(client)).isInstanceOf(ApiException.class);
        assertThat(RequestMatch.where(request -> "GET".equals(request.method())).test(twilio.requests().get(3))).isTrue();
    }

    @Test
    void anAnswerNoTwilioGivesIsPassedOnAsItIs() {
        twilio.failNext(1, Fault.answer(502, null, null));
        twilio.failNext(1, Fault.answer(500, "text/html", "<html>oops</html>"));
        twilio.failNext(1, Fault.answer(201, "application/json", "{not json"));

        HttpResponse<String> badGateway = post("+15551110005");
        HttpResponse<String> html = post("+15551110005");
        HttpResponse<String> garbage = post("+15551110005");

        assertThat(badGateway.statusCode()).isEqualTo(502);
        assertThat(badGateway.body()).isEmpty();
        assertThat(html.statusCode()).isEqualTo(500);
        assertThat(html.headers().firstValue("Content-Type")).contains("text/html");
        assertThat(html.body()).isEqualTo("<html>oops</html>");
        assertThat(garbage.statusCode()).isEqualTo(201);
        assertThat(garbage.body()).isEqualTo("{not json");
        assertThat(twilio.messages().size()).isZero();
    }

    @Test
    void aDroppedConnectionGivesNoAnswerAndIsRecordedSo() {
        twilio.failNext(2, Fault.disconnect());

        assertThatThrownBy(this::send).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> rawPost("+15551110006")).isInstanceOf(IOException.class);

        assertThat(twilio.requests()).extracting(RecordedRequest::status).containsExactly(RecordedRequest.NO_ANSWER, RecordedRequest.NO_ANSWER);
        assertThat(twilio.messages().size()).isZero();
        assertThat(send().getSid()).as("the emulator answers the next request as usual").matches(MessagesApiTest.SID);
    }

    @Test
    void aBrokenOffAnswerFailsTheReader() {
        twilio.failNext(1, Fault.breakOff());

        assertThatThrownBy(this::send).isInstanceOf(ApiException.class);

        assertThat(twilio.messages().size()).isZero();
        assertThat(send().getSid()).as("the emulator answers the next request as usual").matches(MessagesApiTest.SID);
    }

    @Test
    void aLostAnswerCreatesTheMessageAllTheSame() {
        twilio.failNext(1, Fault.loseAnswer(), RequestMatch.messageCreation());

        assertThatThrownBy(this::send).isInstanceOf(ApiException.class);

        assertThat(twilio.messages().sent()).as("Twilio acted; the sender cannot know").hasSize(1);
        assertThat(twilio.requests()).singleElement().extracting(RecordedRequest::status).isEqualTo(RecordedRequest.NO_ANSWER);
    }

    @Test
    void aLateAnswerComesNoEarlierThanAsked() {
        twilio.failNext(1, Fault.delay(Duration.ofMillis(700)));
        long started = System.nanoTime();

        Message late = send();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(700));
        assertThat(late.getSid()).matches(MessagesApiTest.SID);
    }

    @Test
    void latencyDelaysEveryAnswerAndResetTakesItBack() {
        twilio.latency(Duration.ofMillis(300));
        twilio.failNext(1, Fault.serverError().after(Duration.ofMillis(200)));
        long started = System.nanoTime();

        HttpResponse<String> failed = post("+15551110007");
        HttpResponse<String> accepted = post("+15551110007");

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(800));
        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(accepted.statusCode()).isEqualTo(201);

        twilio.reset();

        assertThat(twilio.requests()).isEmpty();
        assertThat(post("+15551110007").statusCode()).isEqualTo(201);
    }

    @Test
    void aHeldAnswerComesWhenTheTestLetsItGo() throws Exception {
        CompletableFuture<Void> release = new CompletableFuture<>();
        twilio.failNext(1, Fault.holdUntil(release));

        CompletableFuture<Message> held = CompletableFuture.supplyAsync(this::send);
        await().atMost(Duration.ofSeconds(30)).until(() -> twilio.counts().inFlight() == 1);
        Message meanwhile = Message.creator(new PhoneNumber("+15551110009"), new PhoneNumber(FROM), "Not held").create(client);

        assertThat(meanwhile.getSid()).matches(MessagesApiTest.SID);
        assertThat(held).isNotDone();
        assertThat(twilio.messages().sent()).as("carried out at once, only the answer waits").hasSize(2);
        release.complete(null);
        assertThat(held.get(30, TimeUnit.SECONDS).getSid()).matches(MessagesApiTest.SID);
        await().atMost(Duration.ofSeconds(30)).until(() -> twilio.counts().inFlight() == 0);
    }

    @Test
    void faultsApplyInTheOrderGivenAndAreGoneAfterReset() {
        twilio.failNext(1, Fault.serverError());
        twilio.fail(Fault.unavailable(1));

        assertThat(post("+15551110008").statusCode()).isEqualTo(500);
        assertThat(post("+15551110008").statusCode()).isEqualTo(503);
        assertThat(post("+15551110008").statusCode()).isEqualTo(503);

        twilio.reset();

        assertThat(post("+15551110008").statusCode()).isEqualTo(201);
        assertThat(Fault.delay(Duration.ofSeconds(1)).toString()).contains("usual answer");
        assertThatThrownBy(() -> twilio.failNext(0, Fault.serverError())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Fault.answer(99, null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Fault.delay(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }

    private Message send() {
        return Message.creator(new PhoneNumber("+15551110000"), new PhoneNumber(FROM), "Hi").create(client);
    }

    private HttpResponse<String> post(String to) {
        return RawHttp.post(twilio.baseUrl(), RawHttp.messages(twilio.accountSid()), form("To", to, "From", FROM, "Body", "Hi"), authorization());
    }

    private HttpResponse<String> rawPost(String to) throws IOException, InterruptedException {
        HttpClient fresh = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        return fresh.send(HttpRequest.newBuilder(URI.create(twilio.baseUrl() + RawHttp.messages(twilio.accountSid())))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Authorization", authorization())
                .POST(HttpRequest.BodyPublishers.ofString(form("To", to, "From", FROM, "Body", "Hi"))).build(), HttpResponse.BodyHandlers.ofString());
    }
}

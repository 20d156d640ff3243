package dev.twilioconnector.emulator;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The emulated Twilio REST API, apart from any HTTP server: it takes an {@link ApiRequest} and decides
 * the {@link ApiAnswer}. In this order: throttling (429 when too many requests are in flight), a
 * {@link Fault} the test asked for, Basic authentication (401), then Messages or Verify. Every request
 * is counted and recorded with what it was answered. {@link TwilioEmulator} serves it on its own
 * server; an application can serve it under its own web server through {@link TwilioEmulator#api()}.
 */
public final class TwilioApi {

    static final String CHALLENGE = "Basic realm=\"Twilio API\"";

    private static final Pattern MESSAGES = Pattern.compile("^/" + TwilioPaths.API_VERSION + "/Accounts/([^/]+)/Messages\\.json$");
    private static final Pattern MESSAGE = Pattern.compile("^/" + TwilioPaths.API_VERSION + "/Accounts/([^/]+)/Messages/([^/]+)\\.json$");
    private static final Pattern VERIFY = Pattern.compile("^/v2/Services/([^/]+)/(Verifications|VerificationCheck)$");

    private final Accounts accounts;
    private final MessagesApi messagesApi;
    private final VerifyApi verifyApi;
    private final FaultRules faults;
    private final RequestJournal journal;
    private final Counts counts;
    private final Conditions conditions;
    private final Clock clock;

    TwilioApi(Accounts accounts, MessagesApi messagesApi, VerifyApi verifyApi, FaultRules faults, RequestJournal journal,
              Counts counts, Conditions conditions, Clock clock) {
        this.accounts = accounts;
        this.messagesApi = messagesApi;
        this.verifyApi = verifyApi;
        this.faults = faults;
        this.journal = journal;
        this.counts = counts;
        this.conditions = conditions;
        this.clock = clock;
    }

    /** Decides the answer; the caller must call {@link ApiAnswer#finished()} as it carries it out. */
    public ApiAnswer answer(ApiRequest request) {
        RecordedRequest recorded = parse(request);
        int inFlight = counts.arrived();
        Runnable done = counts::answered;
        try {
            Conditions.Throttle throttle = conditions.throttle();
            if (throttle.limit() > 0 && inFlight > throttle.limit()) {
                counts.countThrottled();
                journal.add(recorded.answered(429));
                return new ApiAnswer(ApiAnswer.Kind.RESPOND, 429, ApiAnswer.JSON,
                        Map.of("Retry-After", String.valueOf(throttle.retryAfterSeconds())),
                        TwilioJson.error(429, 20429, "Too Many Requests"), Duration.ZERO, Fault.RELEASED, done);
            }
            Duration latency = conditions.latency();
            Fault fault = faults.pick(recorded);
            if (fault != null && fault.replacesAnswer()) {
                journal.add(recorded.answered(fault.recordedStatus()));
                return fault.answer(latency, done);
            }
            ApiResult result = carryOut(recorded);
            boolean lost = fault != null && fault.losesAnswer();
            Duration delay = fault == null ? latency : latency.plus(fault.delay());
            journal.add(recorded.answered(lost ? RecordedRequest.NO_ANSWER : result.status()));
            return new ApiAnswer(lost ? ApiAnswer.Kind.DISCONNECT : ApiAnswer.Kind.RESPOND, result.status(), ApiAnswer.JSON,
                    result.headers(), result.json(), delay, fault == null ? Fault.RELEASED : fault.release(), done);
        } catch (RuntimeException e) {
            done.run();
            throw e;
        }
    }

    private ApiResult carryOut(RecordedRequest request) {
        Account account = accounts.authenticate(request.authorization());
        if (account == null) {
            return new ApiResult(401, TwilioJson.error(401, 20003, "Authenticate"), Map.of("WWW-Authenticate", CHALLENGE));
        }
        String path = request.path();
        Matcher messages = MESSAGES.matcher(path);
        if (messages.matches()) {
            if (!account.sid().equals(messages.group(1))) {
                return ApiResult.notFound(path);
            }
            return switch (request.method()) {
                case "POST" -> messagesApi.create(account, request);
                case "GET" -> messagesApi.list(account, request);
                default -> methodNotAllowed();
            };
        }
        Matcher message = MESSAGE.matcher(path);
        if (message.matches()) {
            if (!account.sid().equals(message.group(1))) {
                return ApiResult.notFound(path);
            }
            return "GET".equals(request.method()) ? messagesApi.fetch(account, message.group(2), path) : methodNotAllowed();
        }
        Matcher verify = VERIFY.matcher(path);
        if (verify.matches()) {
            String serviceSid = verify.group(1);
            if (!Sids.isSid(serviceSid, "VA")) {
                return ApiResult.notFound(path);
            }
            if (!"POST".equals(request.method())) {
                return methodNotAllowed();
            }
            return "Verifications".equals(verify.group(2))
                    ? verifyApi.start(account, serviceSid, request)
                    : verifyApi.check(account, serviceSid, request, path);
        }
        return ApiResult.notFound(path);
    }

    private RecordedRequest parse(ApiRequest request) {
        String target = request.target();
        int question = target.indexOf('?');
        String rawPath = question < 0 ? target : target.substring(0, question);
        String rawQuery = question < 0 ? null : target.substring(question + 1);
        int start = TwilioPaths.start(rawPath);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        request.headers().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
        List<String> contentType = headers.getOrDefault("content-type", List.of());
        boolean form = contentType.isEmpty()
                ? !request.body().isEmpty()
                : contentType.get(0).toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
        return new RecordedRequest(request.method().toUpperCase(Locale.ROOT), rawPath.substring(0, start), rawPath.substring(start),
                rawQuery, FormCodec.decode(rawQuery), form ? FormCodec.decode(request.body()) : Map.of(), headers, clock.instant(),
                RecordedRequest.NOT_ANSWERED);
    }

    private static ApiResult methodNotAllowed() {
        return ApiResult.error(405, 20004, "Method not allowed");
    }
}

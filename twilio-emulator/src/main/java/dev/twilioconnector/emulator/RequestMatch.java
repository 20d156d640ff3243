package dev.twilioconnector.emulator;

import java.util.Objects;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Which requests a {@link Fault} applies to: a kind of request, narrowed by its parameters, e.g.
 * {@code RequestMatch.messageCreation().to("+15551230002")}. It sees the request before it is answered.
 */
public final class RequestMatch implements Predicate<RecordedRequest> {

    private static final Pattern MESSAGES = Pattern.compile("^/" + TwilioPaths.API_VERSION + "/Accounts/[^/]+/Messages\\.json$");
    private static final Pattern MESSAGE = Pattern.compile("^/" + TwilioPaths.API_VERSION + "/Accounts/[^/]+/Messages/[^/]+\\.json$");
    private static final Pattern VERIFICATIONS = Pattern.compile("^/v2/Services/[^/]+/Verifications$");
    private static final Pattern VERIFICATION_CHECK = Pattern.compile("^/v2/Services/[^/]+/VerificationCheck$");

    private final Predicate<RecordedRequest> test;

    private RequestMatch(Predicate<RecordedRequest> test) {
        this.test = test;
    }

    /** Every request. */
    public static RequestMatch any() {
        return new RequestMatch(request -> true);
    }

    /** {@code POST …/Messages.json}: sending a message. */
    public static RequestMatch messageCreation() {
        return of("POST", MESSAGES);
    }

    /** {@code GET …/Messages/SM….json}: fetching one message. */
    public static RequestMatch messageFetch() {
        return of("GET", MESSAGE);
    }

    /** {@code GET …/Messages.json}: listing messages, any page. */
    public static RequestMatch messageList() {
        return of("GET", MESSAGES);
    }

    /** {@code POST /v2/Services/VA…/Verifications}: starting a verification. */
    public static RequestMatch verificationStart() {
        return of("POST", VERIFICATIONS);
    }

    /** {@code POST /v2/Services/VA…/VerificationCheck}: checking a code. */
    public static RequestMatch verificationCheck() {
        return of("POST", VERIFICATION_CHECK);
    }

    /** The requests {@code test} accepts. */
    public static RequestMatch where(Predicate<RecordedRequest> test) {
        return new RequestMatch(Objects.requireNonNull(test, "test"));
    }

    /** Those of these requests whose {@code To} is {@code number}. */
    public RequestMatch to(String number) {
        return param("To", number);
    }

    /** Those of these requests with a parameter {@code name} (form or query) that has the value {@code value}. */
    public RequestMatch param(String name, String value) {
        return and(request -> request.params(name).contains(value));
    }

    /** Those of these requests whose {@code Body} contains {@code text}. */
    public RequestMatch bodyContaining(String text) {
        return and(request -> request.params("Body").stream().anyMatch(body -> body.contains(text)));
    }

    /** Those of these requests that {@code more} accepts too. */
    @Override
    public RequestMatch and(Predicate<? super RecordedRequest> more) {
        Objects.requireNonNull(more, "more");
        return new RequestMatch(request -> test.test(request) && more.test(request));
    }

    @Override
    public boolean test(RecordedRequest request) {
        return test.test(request);
    }

    private static RequestMatch of(String method, Pattern path) {
        return new RequestMatch(request -> method.equals(request.method()) && path.matcher(request.path()).matches());
    }
}

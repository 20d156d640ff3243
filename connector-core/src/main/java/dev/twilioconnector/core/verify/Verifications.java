package dev.twilioconnector.core.verify;

import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.verify.v2.service.Verification;
import com.twilio.rest.verify.v2.service.VerificationCheck;
import dev.twilioconnector.core.http.TwilioClients;
import dev.twilioconnector.core.recipient.PhoneAddress;
import dev.twilioconnector.core.settings.TwilioSettings;
import dev.twilioconnector.core.sms.OutcomeJson;
import dev.twilioconnector.core.sms.Problem;
import dev.twilioconnector.core.sms.RequestFailure;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One-time passcodes through Twilio Verify: start a verification (Twilio generates and sends the code)
 * and check the code a person typed. Inputs are checked before any request; it never throws for a
 * Twilio or input problem.
 */
public final class Verifications {

    public static final Set<String> CHANNELS = Set.of("sms", "call", "email", "whatsapp");
    public static final String MISSING = "%s is missing";
    public static final String INVALID_SERVICE = "verifyServiceSid '%s' must be a Verify Service SID starting with VA";
    public static final String INVALID_CHANNEL = "channel '%s' is not one of call, email, sms, whatsapp";
    public static final String INVALID_EMAIL = "to '%s' is not an e-mail address, which the email channel needs";
    public static final String INVALID_NUMBER = "to '%s' is not a phone number in E.164 form";
    public static final String INVALID_LOCALE = "locale '%s' is not a language tag such as en or pt-BR";
    public static final String INVALID_CODE = "%s must be 4 to 10 digits";

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern LOCALE = Pattern.compile("[a-z]{2,3}(-[A-Za-z]{2,4})?");
    private static final Pattern CODE = Pattern.compile("\\d{4,10}");

    private final TwilioSettings settings;
    private final TwilioClients clients;

    public Verifications(TwilioSettings settings, TwilioClients clients) {
        this.settings = settings;
        this.clients = clients;
    }

    /**
     * @param resultJson a JSON object, or {@code null} when nothing could be done
     * @param errorJson  {@code null}, or a JSON array with one problem
     */
    public record Outcome(String resultJson, String errorJson) {
    }

    public Outcome start(String serviceSid, String to, String channel, String locale, String customCode) {
        String problem = firstProblem(serviceSid, to);
        String chosen = channel == null || channel.isBlank() ? "sms" : channel.trim().toLowerCase(Locale.ROOT);
        if (problem == null && !CHANNELS.contains(chosen)) {
            problem = INVALID_CHANNEL.formatted(channel);
        }
        if (problem == null) {
            problem = recipientProblem(to.trim(), chosen);
        }
        if (problem == null && present(locale) && !LOCALE.matcher(locale.trim()).matches()) {
            problem = INVALID_LOCALE.formatted(locale);
        }
        if (problem == null && present(customCode) && !CODE.matcher(customCode.trim()).matches()) {
            problem = INVALID_CODE.formatted("customCode");
        }
        if (problem != null) {
            return failed(problem);
        }
        try {
            var creator = Verification.creator(serviceSid.trim(), to.trim(), chosen);
            if (present(locale)) {
                creator.setLocale(locale.trim());
            }
            if (present(customCode)) {
                creator.setCustomCode(customCode.trim());
            }
            Verification verification = creator.create(client());
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("sid", verification.getSid());
            result.put("to", verification.getTo());
            result.put("channel", verification.getChannel() == null ? chosen : verification.getChannel().toString());
            result.put("status", verification.getStatus());
            return new Outcome(OutcomeJson.write(result), null);
        } catch (ApiException e) {
            return new Outcome(null, OutcomeJson.error(RequestFailure.of(e, settings)));
        }
    }

    public Outcome check(String serviceSid, String to, String code) {
        String problem = firstProblem(serviceSid, to);
        if (problem == null && !present(code)) {
            problem = MISSING.formatted("code");
        }
        if (problem == null && !CODE.matcher(code.trim()).matches()) {
            problem = INVALID_CODE.formatted("code");
        }
        if (problem != null) {
            return failed(problem);
        }
        try {
            VerificationCheck check = VerificationCheck.creator(serviceSid.trim()).setTo(to.trim()).setCode(code.trim()).create(client());
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("sid", check.getSid());
            result.put("to", check.getTo());
            result.put("status", check.getStatus());
            result.put("valid", Boolean.TRUE.equals(check.getValid()));
            result.put("approved", "approved".equals(check.getStatus()));
            return new Outcome(OutcomeJson.write(result), null);
        } catch (ApiException e) {
            return new Outcome(null, OutcomeJson.error(RequestFailure.of(e, settings)));
        }
    }

    private String firstProblem(String serviceSid, String to) {
        if (settings.credentialsProblem().isPresent()) {
            return settings.credentialsProblem().get();
        }
        if (!present(serviceSid)) {
            return MISSING.formatted("verifyServiceSid");
        }
        if (!serviceSid.trim().startsWith("VA")) {
            return INVALID_SERVICE.formatted(serviceSid.trim());
        }
        return present(to) ? null : MISSING.formatted("to");
    }

    private static String recipientProblem(String to, String channel) {
        if (channel.equals("email")) {
            return EMAIL.matcher(to).matches() ? null : INVALID_EMAIL.formatted(to);
        }
        return PhoneAddress.check(to).isPresent() ? INVALID_NUMBER.formatted(to) : null;
    }

    private TwilioRestClient client() {
        return clients.forCredentials(settings.credentials().orElseThrow());
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    private static Outcome failed(String message) {
        return new Outcome(null, OutcomeJson.error(Problem.ofWholeSend(message)));
    }
}

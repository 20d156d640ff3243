package dev.twilioconnector.emulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Twilio Verify (v2): starting a verification (Twilio makes a code and sends it; here the code is kept
 * for the test to read) and checking the code a person typed. As at Twilio, a verification stays
 * pending for ten minutes, starting again for the same recipient resends the same code, a right code
 * approves it once, and after five wrong codes it is closed (60202).
 */
final class VerifyApi {

    static final Duration VALID_FOR = Duration.ofMinutes(10);
    static final int MAX_CHECKS = 5;
    private static final Set<String> CHANNELS = Set.of("sms", "call", "email", "whatsapp", "sna");
    private static final Pattern CUSTOM_CODE = Pattern.compile("^\\d{4,10}$");

    /** One verification waiting for its code. Mutable, guarded by the map's compute. */
    private static final class Pending {
        final String sid;
        final String serviceSid;
        final String accountSid;
        final String to;
        final String code;
        final Instant created;
        final List<Map<String, Object>> sendAttempts = new ArrayList<>();
        String channel;
        Instant updated;
        int wrongChecks;

        Pending(String serviceSid, String accountSid, String to, String code, Instant created) {
            this.sid = Sids.verification();
            this.serviceSid = serviceSid;
            this.accountSid = accountSid;
            this.to = to;
            this.code = code;
            this.created = created;
            this.updated = created;
        }

        boolean expired(Instant now) {
            return !now.isBefore(created.plus(VALID_FOR));
        }
    }

    private final Clock clock;
    /** account, service and recipient → the pending verification. */
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    VerifyApi(Clock clock) {
        this.clock = clock;
    }

    ApiResult start(Account account, String serviceSid, RecordedRequest request) {
        String to = MessagesApi.present(request.param("To"));
        String channel = MessagesApi.present(request.param("Channel"));
        String customCode = MessagesApi.present(request.param("CustomCode"));
        if (to == null) {
            return ApiResult.error(400, 60200, "Invalid parameter `To`: " + request.param("To"));
        }
        if (channel == null || !CHANNELS.contains(channel)) {
            return ApiResult.error(400, 60200, "Invalid parameter `Channel`: " + request.param("Channel"));
        }
        boolean email = "email".equals(channel);
        if (!email && !MessagesApi.PHONE_NUMBER.matcher(to).matches() || email && to.indexOf('@') < 1) {
            return ApiResult.error(400, 60200, "Invalid parameter `To`: " + to);
        }
        if (customCode != null && !CUSTOM_CODE.matcher(customCode).matches()) {
            return ApiResult.error(400, 60200, "Invalid parameter `CustomCode`: " + customCode);
        }
        Instant now = clock.instant();
        Pending verification = pending.compute(key(account.sid(), serviceSid, to), (key, before) -> {
            Pending current = before == null || before.expired(now)
                    ? new Pending(serviceSid, account.sid(), to, customCode != null ? customCode : newCode(), now)
                    : before;
            current.channel = channel;
            current.updated = now;
            Map<String, Object> attempt = new LinkedHashMap<>();
            attempt.put("attempt_sid", "VL" + Sids.verification().substring(2));
            attempt.put("channel", channel);
            attempt.put("time", TwilioJson.iso8601(now));
            current.sendAttempts.add(attempt);
            return current;
        });
        return ApiResult.of(201, verificationJson(verification, "pending", false));
    }

    ApiResult check(Account account, String serviceSid, RecordedRequest request, String path) {
        String to = MessagesApi.present(request.param("To"));
        String verificationSid = MessagesApi.present(request.param("VerificationSid"));
        String code = MessagesApi.present(request.param("Code"));
        if (to == null && verificationSid == null) {
            return ApiResult.error(400, 60200, "Invalid parameter: To or VerificationSid is required");
        }
        if (code == null) {
            return ApiResult.error(400, 60200, "Invalid parameter `Code`: " + request.param("Code"));
        }
        Instant now = clock.instant();
        String key = to != null ? key(account.sid(), serviceSid, to) : keyOf(account.sid(), serviceSid, verificationSid);
        if (key == null) {
            return ApiResult.notFound(path);
        }
        ApiResult[] result = new ApiResult[1];
        pending.compute(key, (ignored, verification) -> {
            if (verification == null || verification.expired(now)) {
                result[0] = ApiResult.notFound(path);
                return null;
            }
            if (verification.wrongChecks >= MAX_CHECKS) {
                result[0] = ApiResult.error(429, 60202, "Max check attempts reached");
                return verification;
            }
            verification.updated = now;
            if (verification.code.equals(code)) {
                result[0] = ApiResult.of(200, checkJson(verification, "approved", true));
                return null;
            }
            verification.wrongChecks++;
            result[0] = ApiResult.of(200, checkJson(verification, "pending", false));
            return verification;
        });
        return result[0];
    }

    /** The code of the newest pending verification for {@code to}, of any account and service. */
    Optional<String> codeFor(String to) {
        Instant now = clock.instant();
        return pending.values().stream()
                .filter(verification -> verification.to.equals(to) && !verification.expired(now))
                .max((a, b) -> a.updated.compareTo(b.updated))
                .map(verification -> verification.code);
    }

    void clear() {
        pending.clear();
    }

    private String keyOf(String accountSid, String serviceSid, String verificationSid) {
        return pending.entrySet().stream()
                .filter(entry -> entry.getValue().sid.equals(verificationSid) && entry.getValue().accountSid.equals(accountSid)
                        && entry.getValue().serviceSid.equals(serviceSid))
                .map(Map.Entry::getKey).findFirst().orElse(null);
    }

    private static String key(String accountSid, String serviceSid, String to) {
        return accountSid + '\n' + serviceSid + '\n' + to;
    }

    private static String newCode() {
        return String.valueOf(ThreadLocalRandom.current().nextInt(100_000, 1_000_000));
    }

    private static Map<String, Object> verificationJson(Pending verification, String status, boolean valid) {
        Map<String, Object> json = common(verification, status, valid);
        json.put("lookup", Map.of());
        json.put("amount", null);
        json.put("payee", null);
        json.put("send_code_attempts", List.copyOf(verification.sendAttempts));
        json.put("date_created", TwilioJson.iso8601(verification.created));
        json.put("date_updated", TwilioJson.iso8601(verification.updated));
        json.put("sna", null);
        json.put("url", "https://verify.twilio.com/v2/Services/" + verification.serviceSid + "/Verifications/" + verification.sid);
        return json;
    }

    private static Map<String, Object> checkJson(Pending verification, String status, boolean valid) {
        Map<String, Object> json = common(verification, status, valid);
        json.put("amount", null);
        json.put("payee", null);
        json.put("date_created", TwilioJson.iso8601(verification.created));
        json.put("date_updated", TwilioJson.iso8601(verification.updated));
        json.put("sna_attempts_error_codes", List.of());
        return json;
    }

    private static Map<String, Object> common(Pending verification, String status, boolean valid) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("sid", verification.sid);
        json.put("service_sid", verification.serviceSid);
        json.put("account_sid", verification.accountSid);
        json.put("to", verification.to);
        json.put("channel", verification.channel);
        json.put("status", status);
        json.put("valid", valid);
        return json;
    }
}

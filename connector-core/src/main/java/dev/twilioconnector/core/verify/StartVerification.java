package dev.twilioconnector.core.verify;

import dev.twilioconnector.core.Refusal;
import dev.twilioconnector.core.Trimmed;
import dev.twilioconnector.core.TwilioProblem;
import dev.twilioconnector.core.TwilioRequest;
import dev.twilioconnector.core.recipient.PhoneAddress;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A verification Twilio Verify starts: it generates a one-time code and sends it.
 *
 * @param serviceSid the Verify Service ({@code VA…}) whose settings (code length, templates) apply
 * @param to         {@code To}: an E.164 number, or an e-mail address for the {@code email} channel
 * @param channel    {@code Channel}: {@code sms} (when {@code null}), {@code call}, {@code email} or {@code whatsapp}, in any case
 * @param locale     {@code Locale}: the language of the message, such as {@code en} or {@code pt-BR}, or {@code null}
 * @param customCode {@code CustomCode}: a code of your own instead of a generated one, 4 to 10 digits, or {@code null}
 */
public record StartVerification(String serviceSid, String to, String channel, String locale, String customCode)
        implements TwilioRequest {

    public static final Set<String> CHANNELS = Set.of("sms", "call", "email", "whatsapp");
    public static final String DEFAULT_CHANNEL = "sms";

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern LOCALE = Pattern.compile("[a-z]{2,3}(-[A-Za-z]{2,4})?");

    public StartVerification {
        serviceSid = Trimmed.orNull(serviceSid);
        to = Trimmed.orNull(to);
        channel = Trimmed.orNull(channel);
        locale = Trimmed.orNull(locale);
        customCode = Trimmed.orNull(customCode);
    }

    /** The channel as Twilio spells it. */
    public String chosenChannel() {
        return channel == null ? DEFAULT_CHANNEL : channel.toLowerCase(Locale.ROOT);
    }

    @Override
    public Optional<TwilioProblem> problem(Instant now) {
        Optional<TwilioProblem> addressed = VerifyService.problem(serviceSid, to);
        if (addressed.isPresent()) {
            return addressed;
        }
        if (!CHANNELS.contains(chosenChannel())) {
            return Optional.of(Refusal.INVALID_CHANNEL.problem(channel));
        }
        boolean byEmail = chosenChannel().equals("email");
        if (byEmail && !EMAIL.matcher(to).matches()) {
            return Optional.of(Refusal.TO_NOT_EMAIL.problem(to));
        }
        if (!byEmail && PhoneAddress.check(to).isPresent()) {
            return Optional.of(Refusal.TO_NOT_E164.problem(to));
        }
        if (locale != null && !LOCALE.matcher(locale).matches()) {
            return Optional.of(Refusal.INVALID_LOCALE.problem(locale));
        }
        if (customCode != null && !VerifyService.isCode(customCode)) {
            return Optional.of(Refusal.CUSTOM_CODE_FORMAT.problem());
        }
        return Optional.empty();
    }
}

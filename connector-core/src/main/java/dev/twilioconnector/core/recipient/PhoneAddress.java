package dev.twilioconnector.core.recipient;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The addresses Twilio messages: an E.164 number ({@code +15551230001}), or the same behind
 * {@code whatsapp:}. libphonenumber checks that the number can exist for its country (its length);
 * it is not asked whether the number is assigned, since Twilio's test and fictional numbers are not.
 */
public final class PhoneAddress {

    /** Twilio's own code for an invalid 'To' number, used for numbers refused before any request. */
    public static final int INVALID_NUMBER_CODE = 21211;
    public static final String NOT_E164 = "'%s' is not a phone number in E.164 form (a + and the country code, e.g. +15551230001)";
    public static final String NOT_POSSIBLE = "'%s' is not a possible phone number for its country code";

    private static final String WHATSAPP = "whatsapp:";
    private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{1,14}");
    private static final PhoneNumberUtil NUMBERS = PhoneNumberUtil.getInstance();
    private static final Set<Integer> CALLING_CODES = Set.copyOf(NUMBERS.getSupportedCallingCodes());
    /**
     * Numbers already judged possible. libphonenumber's parse is the costliest step of preparing a
     * message, and the same numbers (the sender above all) come back again and again. Bounded: it
     * starts afresh when full.
     */
    private static final Set<String> POSSIBLE = ConcurrentHashMap.newKeySet();
    static final int REMEMBERED = 10_000;

    private PhoneAddress() {
    }

    /** Why {@code address} cannot be messaged, or empty when it can. */
    public static Optional<String> check(String address) {
        String number = withoutChannel(address);
        if (!E164.matcher(number).matches()) {
            return Optional.of(NOT_E164.formatted(address));
        }
        if (POSSIBLE.contains(number)) {
            return Optional.empty();
        }
        if (!isPossible(number)) {
            return Optional.of(NOT_POSSIBLE.formatted(address));
        }
        if (POSSIBLE.size() >= REMEMBERED) {
            POSSIBLE.clear();
        }
        POSSIBLE.add(number);
        return Optional.empty();
    }

    /**
     * Whether libphonenumber deems the E.164 {@code number} possible: the same verdict as parsing it, mostly at a
     * fraction of the cost. Parsing is the costliest step of preparing a message, and an E.164 number hardly needs
     * it: its country calling code is the one prefix of one to three digits that is a calling code (they are
     * prefix-free), the rest is the national number, and only that number's length is judged. A number found
     * impossible that way is parsed after all, since parsing may strip a national prefix written after the
     * calling code ({@code +995 0…}) and then find it possible.
     */
    static boolean isPossible(String number) {
        String digits = number.substring(1);
        for (int length = 1; length <= 3 && length < digits.length(); length++) {
            int callingCode = Integer.parseInt(digits, 0, length, 10);
            if (CALLING_CODES.contains(callingCode)) {
                return NUMBERS.isPossibleNumber(nationalNumber(callingCode, digits.substring(length))) || isPossibleParsed(number);
            }
        }
        return false;
    }

    private static boolean isPossibleParsed(String number) {
        try {
            return NUMBERS.isPossibleNumber(NUMBERS.parse(number, null));
        } catch (NumberParseException e) {
            return false;
        }
    }

    private static Phonenumber.PhoneNumber nationalNumber(int callingCode, String national) {
        Phonenumber.PhoneNumber phoneNumber = new Phonenumber.PhoneNumber().setCountryCode(callingCode)
                .setNationalNumber(Long.parseLong(national));
        int leadingZeros = 0;
        while (leadingZeros < national.length() - 1 && national.charAt(leadingZeros) == '0') {
            leadingZeros++;
        }
        if (leadingZeros > 0) {
            phoneNumber.setItalianLeadingZero(true).setNumberOfLeadingZeros(leadingZeros);
        }
        return phoneNumber;
    }

    static int rememberedCount() {
        return POSSIBLE.size();
    }

    static boolean isRemembered(String number) {
        return POSSIBLE.contains(number);
    }

    /** The address as Twilio expects it: the channel prefix in lower case. */
    public static String normalise(String address) {
        return isWhatsApp(address) ? WHATSAPP + withoutChannel(address) : address;
    }

    private static boolean isWhatsApp(String address) {
        return address.toLowerCase(Locale.ROOT).startsWith(WHATSAPP);
    }

    private static String withoutChannel(String address) {
        return isWhatsApp(address) ? address.substring(WHATSAPP.length()) : address;
    }
}

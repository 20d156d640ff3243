package dev.twilioconnector.emulator;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Twilio's default opt-out handling: a text that is just a keyword (any case, blanks around it
 * ignored) is marked with {@code OptOutType}; after a {@code STOP} keyword the number texted may not
 * send to that phone any more (21610) until a {@code START} keyword. {@code YES}, which Twilio also
 * takes as opt-in, is left an ordinary message unless added, so that processes can ask yes/no questions.
 */
final class OptOuts {

    static final String STOP = "STOP";
    static final String START = "START";
    static final String HELP = "HELP";

    /** Twilio's default keywords, by the {@code OptOutType} they get. */
    static Map<String, String> defaultKeywords() {
        Map<String, String> keywords = new LinkedHashMap<>();
        for (String stop : new String[] {"STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT"}) {
            keywords.put(stop, STOP);
        }
        keywords.put("START", START);
        keywords.put("UNSTOP", START);
        keywords.put("HELP", HELP);
        keywords.put("INFO", HELP);
        return keywords;
    }

    private final Map<String, String> keywords;
    /** account, phone and the number it opted out of. */
    private final Set<String> optedOut = ConcurrentHashMap.newKeySet();

    OptOuts(Map<String, String> keywords) {
        this.keywords = Map.copyOf(keywords);
    }

    /** The {@code OptOutType} of a text, if it is a keyword. */
    Optional<String> typeOf(String body) {
        return Optional.ofNullable(keywords.get(body == null ? "" : body.trim().toUpperCase(Locale.ROOT)));
    }

    /** Takes note of a text from {@code phone} to {@code number}; answers its {@code OptOutType}, if any. */
    Optional<String> texted(String accountSid, String phone, String number, String body) {
        Optional<String> type = typeOf(body);
        type.ifPresent(kind -> {
            if (STOP.equals(kind)) {
                optedOut.add(key(accountSid, phone, number));
            } else if (START.equals(kind)) {
                optedOut.remove(key(accountSid, phone, number));
            }
        });
        return type;
    }

    boolean isOptedOut(String accountSid, String phone, String number) {
        return !optedOut.isEmpty() && optedOut.contains(key(accountSid, phone, number));
    }

    void clear() {
        optedOut.clear();
    }

    private static String key(String accountSid, String phone, String number) {
        return accountSid + '\n' + phone + '\n' + number;
    }
}

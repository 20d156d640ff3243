package dev.twilioconnector.emulator;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A Twilio account the emulator knows: its SID, its auth token (which authenticates REST calls and
 * signs the webhooks and status callbacks the emulator sends for it), optional API keys
 * ({@code SK…} and secret, which authenticate REST calls too) and its phone number, the default sender
 * and the number that {@link Phone}s text. {@link #toString()} leaves the secrets out.
 *
 * @param sid       the account SID, {@code AC…}
 * @param authToken the auth token
 * @param apiKeys   API key SID → secret
 * @param number    the account's phone number
 */
public record Account(String sid, String authToken, Map<String, String> apiKeys, String number) {

    /** Twilio's magic test number, which every emulated account owns unless told otherwise. */
    public static final String DEFAULT_NUMBER = "+15005550006";

    private static final SecureRandom RANDOM = new SecureRandom();

    public Account {
        requireText(sid, "sid");
        requireText(authToken, "authToken");
        requireText(number, "number");
        if (sid.indexOf('/') >= 0) {
            throw new IllegalArgumentException("an account SID cannot contain '/': it is part of every API path");
        }
        apiKeys = Map.copyOf(apiKeys);
    }

    /** An account with the given SID and token, no API key, and {@link #DEFAULT_NUMBER}. */
    public static Account of(String sid, String authToken) {
        return new Account(sid, authToken, Map.of(), DEFAULT_NUMBER);
    }

    /** An account with a fresh SID and a fresh random token. */
    public static Account random() {
        byte[] token = new byte[16];
        RANDOM.nextBytes(token);
        return of(Sids.account(), HexFormat.of().formatHex(token));
    }

    /** This account with one more API key. */
    public Account withApiKey(String keySid, String secret) {
        requireText(keySid, "keySid");
        requireText(secret, "secret");
        Map<String, String> keys = new LinkedHashMap<>(apiKeys);
        keys.put(keySid, secret);
        return new Account(sid, authToken, keys, number);
    }

    /** This account with another phone number. */
    public Account withNumber(String phoneNumber) {
        return new Account(sid, authToken, apiKeys, phoneNumber);
    }

    @Override
    public String toString() {
        return "Account[sid=" + sid + ", number=" + number + ", apiKeys=" + apiKeys.keySet() + "]";
    }

    private static void requireText(String value, String name) {
        if (Objects.requireNonNull(value, name).isBlank()) {
            throw new IllegalArgumentException(name + " is blank");
        }
    }
}

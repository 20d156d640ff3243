package dev.twilioconnector.emulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The accounts the emulator knows and the Basic authentication of REST calls: the account SID with its
 * auth token, or one of its API keys with the key's secret. Secrets are compared in constant time.
 */
final class Accounts {

    private final Map<String, Account> bySid = new ConcurrentHashMap<>();
    /** API key SID → the account it belongs to. */
    private final Map<String, Account> byKey = new ConcurrentHashMap<>();
    /** In the order added; the first is the default. Guarded by {@code this}. */
    private final List<Account> ordered = new ArrayList<>();

    synchronized void add(Account account) {
        Account before = bySid.put(account.sid(), account);
        if (before != null) {
            before.apiKeys().keySet().forEach(byKey::remove);
            ordered.remove(before);
        }
        ordered.add(account);
        account.apiKeys().keySet().forEach(key -> byKey.put(key, account));
    }

    synchronized Account first() {
        return ordered.get(0);
    }

    synchronized List<Account> all() {
        return List.copyOf(ordered);
    }

    Optional<Account> find(String sid) {
        return Optional.ofNullable(bySid.get(sid));
    }

    /** The account whose credentials the {@code Authorization} header carries, or {@code null}. */
    Account authenticate(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return null;
        }
        String user = decoded.substring(0, colon);
        String password = decoded.substring(colon + 1);
        Account account = bySid.get(user);
        if (account != null) {
            return same(password, account.authToken()) ? account : null;
        }
        account = byKey.get(user);
        return account != null && same(password, account.apiKeys().get(user)) ? account : null;
    }

    private static boolean same(String given, String expected) {
        return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }
}

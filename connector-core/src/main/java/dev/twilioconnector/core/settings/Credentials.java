package dev.twilioconnector.core.settings;

import java.util.Objects;

/**
 * What authenticates REST calls: the account SID, and either the auth token or an API key with its
 * secret. {@link #toString()} never shows the secret, so a credential set can be logged or put in an
 * exception message safely.
 *
 * @param accountSid the account the calls act on ({@code AC…})
 * @param username   the account SID when authenticating with the token, else the API key ({@code SK…})
 * @param secret     the auth token or the API secret
 */
public record Credentials(String accountSid, String username, String secret) {

    public Credentials {
        Objects.requireNonNull(accountSid, "accountSid");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(secret, "secret");
    }

    public static Credentials ofToken(String accountSid, String authToken) {
        return new Credentials(accountSid, accountSid, authToken);
    }

    public static Credentials ofApiKey(String accountSid, String apiKey, String apiSecret) {
        return new Credentials(accountSid, apiKey, apiSecret);
    }

    public boolean usesApiKey() {
        return !username.equals(accountSid);
    }

    @Override
    public String toString() {
        return "Credentials[accountSid=" + accountSid + ", username=" + username + ", secret=***]";
    }
}

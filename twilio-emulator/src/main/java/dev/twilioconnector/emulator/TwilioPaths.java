package dev.twilioconnector.emulator;

/**
 * Where Twilio's paths begin in a request's path. The connector keeps any path of its base URL
 * ({@code http://host/sandbox}), so whatever comes before is a prefix: the emulator answers under any
 * prefix and records it, which tells apart the nodes of a cluster given one base URL each.
 */
final class TwilioPaths {

    static final String API_VERSION = "2010-04-01";
    /** api.twilio.com's 2010-04-01 API: Messages. */
    static final String API = "/" + API_VERSION + "/";
    /** verify.twilio.com's v2 API. */
    static final String VERIFY = "/v2/";

    private TwilioPaths() {
    }

    /** Where Twilio's path starts in {@code rawPath}: at its API version, or at 0 when it names none. */
    static int start(String rawPath) {
        int api = rawPath.indexOf(API);
        int verify = rawPath.indexOf(VERIFY);
        if (api < 0) {
            return Math.max(verify, 0);
        }
        return verify < 0 ? api : Math.min(api, verify);
    }

    static String accountUri(String accountSid) {
        return "/" + API_VERSION + "/Accounts/" + accountSid;
    }

    static String messageUri(String accountSid, String messageSid) {
        return accountUri(accountSid) + "/Messages/" + messageSid + ".json";
    }
}

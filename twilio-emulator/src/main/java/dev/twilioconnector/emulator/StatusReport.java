package dev.twilioconnector.emulator;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One status report the emulator posted to a message's status callback, and how the application answered.
 *
 * @param messageSid the message reported on
 * @param status     the status reported ({@code sent}, {@code delivered} …)
 * @param errorCode  the error code reported, else {@code null}
 * @param url        where it was posted
 * @param form       the parameters posted (signed)
 * @param postedAt   when it was posted
 * @param answer     the application's HTTP status, {@value #UNREACHABLE} when the callback could not be reached
 */
public record StatusReport(String messageSid, String status, Integer errorCode, String url, Map<String, String> form,
                           Instant postedAt, int answer) {

    public static final int UNREACHABLE = -1;

    public StatusReport {
        form = Collections.unmodifiableMap(new LinkedHashMap<>(form));
    }

    /** Whether the application took it (a 2xx answer). */
    public boolean accepted() {
        return answer >= 200 && answer < 300;
    }
}

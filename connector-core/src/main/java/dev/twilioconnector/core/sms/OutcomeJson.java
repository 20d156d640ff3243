package dev.twilioconnector.core.sms;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The two JSON texts a send leaves behind: {@code twilioResult} and {@code twilioError}, shaped as the contract says. */
public final class OutcomeJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private OutcomeJson() {
    }

    /** {@code [{"to":…,"sid":…,"status":…}]}; {@code []} when nothing was accepted. */
    public static String result(SendOutcome outcome) {
        return write(outcome.accepted().stream().map(accepted -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("to", accepted.to());
            entry.put("sid", accepted.sid());
            entry.put("status", accepted.status());
            return entry;
        }).toList());
    }

    /** {@code [{"to":…,"code":…,"status":…,"message":…}]}, or {@code null} when nothing went wrong. */
    public static String error(SendOutcome outcome) {
        if (!outcome.hasProblems()) {
            return null;
        }
        return write(outcome.problems().stream().map(problem -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("to", problem.to());
            entry.put("code", problem.code());
            entry.put("status", problem.status());
            entry.put("message", problem.message());
            return entry;
        }).toList());
    }

    /** {@code [{"to":…,"code":…,"status":…,"message":…}]} for a single problem. */
    public static String error(Problem problem) {
        return error(new SendOutcome(List.of(), List.of(problem)));
    }

    /** Any result (maps, lists, plain values) as JSON text. */
    public static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.twilioconnector.emulator;

import java.util.Map;

/** What an API operation answers, before faults and latency decide how the answer travels. */
record ApiResult(int status, String json, Map<String, String> headers) {

    static ApiResult of(int status, Object json) {
        return new ApiResult(status, Json.write(json), Map.of());
    }

    static ApiResult error(int status, int code, String message) {
        return new ApiResult(status, TwilioJson.error(status, code, message), Map.of());
    }

    static ApiResult notFound(String path) {
        return error(404, 20404, "The requested resource " + path + " was not found");
    }
}

package dev.twilioconnector.sample.api;

import tools.jackson.databind.JsonNode;

/** JSON from a request as a process variable: scalars as strings, numbers and booleans; objects and arrays stay JSON. */
final class JsonValues {

    private JsonValues() {
    }

    static Object toVariable(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isString()) {
            return value.asString();
        }
        if (value.isIntegralNumber()) {
            return value.canConvertToInt() ? (Object) value.intValue() : value.longValue();
        }
        if (value.isNumber()) {
            return value.doubleValue();
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        return value;
    }
}

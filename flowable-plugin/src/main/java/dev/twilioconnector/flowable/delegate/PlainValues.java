package dev.twilioconnector.flowable.delegate;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns process variables into the plain values the core understands: JSON variables (Jackson 3, as
 * Flowable 8 stores them, or Jackson 2) become maps, lists, strings, numbers and booleans, so that a
 * template can say {@code ${customer.name}} and {@code <#list items as item>}.
 */
final class PlainValues {

    private PlainValues() {
    }

    static Object of(Object value) {
        if (value instanceof tools.jackson.databind.JsonNode node) {
            return ofJackson3(node);
        }
        if (value instanceof com.fasterxml.jackson.databind.JsonNode node) {
            return ofJackson2(node);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> plain = new LinkedHashMap<>();
            map.forEach((key, element) -> plain.put(String.valueOf(key), of(element)));
            return plain;
        }
        if (value instanceof Collection<?> collection) {
            List<Object> plain = new ArrayList<>(collection.size());
            collection.forEach(element -> plain.add(of(element)));
            return plain;
        }
        return value;
    }

    static Map<String, Object> ofAll(Map<String, Object> variables) {
        Map<String, Object> plain = new LinkedHashMap<>();
        variables.forEach((name, value) -> plain.put(name, of(value)));
        return plain;
    }

    private static Object ofJackson3(tools.jackson.databind.JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (Map.Entry<String, tools.jackson.databind.JsonNode> property : node.properties()) {
                map.put(property.getKey(), ofJackson3(property.getValue()));
            }
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>(node.size());
            node.values().forEach(element -> list.add(ofJackson3(element)));
            return list;
        }
        if (node.isNumber()) {
            return node.numberValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isNull() || node.isMissingNode()) {
            return null;
        }
        return node.asString();
    }

    private static Object ofJackson2(com.fasterxml.jackson.databind.JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, com.fasterxml.jackson.databind.JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, com.fasterxml.jackson.databind.JsonNode> property = it.next();
                map.put(property.getKey(), ofJackson2(property.getValue()));
            }
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>(node.size());
            node.forEach(element -> list.add(ofJackson2(element)));
            return list;
        }
        if (node.isNumber()) {
            return node.numberValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isNull() || node.isMissingNode()) {
            return null;
        }
        return node.asText();
    }
}

package dev.twilioconnector.contract;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One of Twilio's OpenAPI documents (from the npm package {@code @twilio/cli-core}) as Prism is given it:
 * unchanged except for two kinds of places where Prism 5.16 or the document disagree with OpenAPI
 * or with Twilio's own examples. Neither change lets a request through that Twilio's schema refuses. The copy
 * is written to {@code target/prism/}, next to a list of every change ({@code <document>.adaptations.txt}).
 */
final class PrismDocument {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final Set<String> PAGE_URIS = Set.of("uri", "first_page_uri", "next_page_uri", "previous_page_uri");

    private PrismDocument() {
    }

    /** Writes the adapted copy of {@code official} into {@code outputDirectory} and returns its path. */
    static Path adapt(Path official, Path outputDirectory) throws IOException {
        JsonNode document = JSON.readTree(official.toFile());
        List<String> adaptations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                String where = operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey();
                spellOutFormEncoding(document, operation.getValue(), where, adaptations);
                acceptRelativePageUris(operation.getValue(), where, adaptations);
            }
        }
        Files.createDirectories(outputDirectory);
        Path copy = outputDirectory.resolve(official.getFileName());
        JSON.writeValue(copy.toFile(), document);
        Path list = outputDirectory.resolve(official.getFileName() + ".adaptations.txt");
        Files.write(list, adaptations);
        System.out.printf("[contract-tests] %s: %d adaptations for Prism, listed in %s%n", official.getFileName(), adaptations.size(), list);
        return copy;
    }

    /**
     * Twilio sends a list in a form as the same key repeated ({@code MediaUrl=a&MediaUrl=b}), which is
     * OpenAPI 3.0's default for form bodies (Encoding Object: style {@code form}, explode {@code true}).
     * Twilio's documents rely on that default and write no {@code encoding}; Prism 5.16 applies it only
     * when it is written out, and otherwise checks the raw text against {@code type: array}, so it
     * refuses every MediaUrl, even a single one. Writing the default out changes nothing in the schema.
     */
    private static void spellOutFormEncoding(JsonNode document, JsonNode operation, String where, List<String> adaptations) {
        JsonNode content = operation.path("requestBody").path("content").path(FORM);
        if (!content.isObject()) {
            return;
        }
        JsonNode schema = resolve(document, content.path("schema"));
        for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
            boolean array = "array".equals(resolve(document, property.getValue()).path("type").asString(""));
            if (array && !content.path("encoding").has(property.getKey())) {
                ((ObjectNode) content).withObjectProperty("encoding").putObject(property.getKey())
                        .put("style", "form").put("explode", true);
                adaptations.add(where + ": form property " + property.getKey() + " gets OpenAPI's default encoding written out");
            }
        }
    }

    /**
     * Twilio's list answers carry page links as paths ({@code /2010-04-01/Accounts/…/Messages.json?…}),
     * in its own examples and in the real API, but the document types them {@code format: uri}, which
     * requires a scheme. With {@code --errors} Prism checks its own answer too and would turn every list
     * into a 500, so these answer fields become {@code uri-reference}; requests are not touched.
     */
    private static void acceptRelativePageUris(JsonNode operation, String where, List<String> adaptations) {
        for (Map.Entry<String, JsonNode> response : operation.path("responses").properties()) {
            for (Map.Entry<String, JsonNode> media : response.getValue().path("content").properties()) {
                for (Map.Entry<String, JsonNode> property : media.getValue().path("schema").path("properties").properties()) {
                    if (PAGE_URIS.contains(property.getKey()) && "uri".equals(property.getValue().path("format").asString(""))) {
                        ((ObjectNode) property.getValue()).put("format", "uri-reference");
                        adaptations.add(where + ": answer " + response.getKey() + " field " + property.getKey() + " may be a path");
                    }
                }
            }
        }
    }

    private static JsonNode resolve(JsonNode document, JsonNode schema) {
        String ref = schema.path("$ref").asString("");
        return ref.startsWith("#/") ? document.at(ref.substring(1)) : schema;
    }
}

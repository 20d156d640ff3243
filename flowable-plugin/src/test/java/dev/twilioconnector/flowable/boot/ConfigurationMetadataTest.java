package dev.twilioconnector.flowable.boot;

import dev.twilioconnector.core.settings.Setting;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code META-INF/spring-configuration-metadata.json} that Spring Boot's configuration processor
 * writes into this module's jar, which IDEs complete {@code twilio.*} from: every property, each with a
 * description and with the documented default.
 */
class ConfigurationMetadataTest {

    /** Every {@code twilio.*} property with its documented default ({@code null}: none). */
    private static final Map<String, Object> DOCUMENTED = new LinkedHashMap<>();

    static {
        DOCUMENTED.put("twilio.account", null);
        DOCUMENTED.put("twilio.token", null);
        DOCUMENTED.put("twilio.api-key", null);
        DOCUMENTED.put("twilio.api-secret", null);
        DOCUMENTED.put("twilio.api-base-url", "https://api.twilio.com");
        DOCUMENTED.put("twilio.default-from", null);
        DOCUMENTED.put("twilio.messaging-service-sid", null);
        DOCUMENTED.put("twilio.http.connect-timeout", "10s");
        DOCUMENTED.put("twilio.http.read-timeout", "30s");
        DOCUMENTED.put("twilio.send.parallelism", 16);
        DOCUMENTED.put("twilio.send.max-attempts", 5);
        DOCUMENTED.put("twilio.send.initial-backoff", "500ms");
        DOCUMENTED.put("twilio.send.max-backoff", "30s");
        DOCUMENTED.put("twilio.templates.render-timeout", "2s");
        DOCUMENTED.put("twilio.webhook.public-url", null);
        DOCUMENTED.put("twilio.webhook.path", "/twilio/sms");
        DOCUMENTED.put("twilio.webhook.status-path", "/twilio/status");
        DOCUMENTED.put("twilio.webhook.status-callback", true);
        DOCUMENTED.put("twilio.webhook.validate-signature", true);
        DOCUMENTED.put("twilio.webhook.duplicate-wait", "10s");
        DOCUMENTED.put("twilio.webhook.answer-within", "10s");
        DOCUMENTED.put("twilio.webhook.takeover-after", "2m");
        DOCUMENTED.put("twilio.webhook.deduplication-retention", "7d");
        DOCUMENTED.put("twilio.triggers.location", null);
        DOCUMENTED.put("twilio.triggers.match-timeout", "250ms");
        DOCUMENTED.put("twilio.events.keep-status", "1h");
        DOCUMENTED.put("twilio.events.keep-reply", "5m");
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static Map<String, JsonNode> properties;

    @BeforeAll
    static void readTheGeneratedMetadata() throws URISyntaxException {
        // This module's own output, not the metadata of the Spring Boot jars on the test class path.
        Path classes = Path.of(TwilioProperties.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path metadata = classes.resolve("META-INF/spring-configuration-metadata.json");
        assertThat(metadata).as("written by spring-boot-configuration-processor at compile time").exists();
        properties = new TreeMap<>();
        for (JsonNode property : JSON.readTree(metadata.toFile()).get("properties")) {
            properties.put(property.get("name").asString(), property);
        }
    }

    @Test
    void listsEveryTwilioProperty() {
        assertThat(properties.keySet()).filteredOn(name -> name.startsWith("twilio."))
                .containsExactlyInAnyOrderElementsOf(DOCUMENTED.keySet());
        assertThat(Arrays.stream(Setting.values()).map(Setting::property)).allMatch(properties::containsKey);
    }

    @Test
    void describesEveryProperty() {
        properties.forEach((name, property) -> assertThat(property.path("description").asString(""))
                .as(name).isNotBlank().endsWith(".").doesNotContain("{@"));
    }

    @Test
    void givesEveryDocumentedDefault() {
        DOCUMENTED.forEach((name, documented) -> {
            JsonNode generated = properties.get(name).get("defaultValue");
            if (documented == null) {
                assertThat(generated).as(name).isNull();
            } else {
                assertThat(generated).as(name).isEqualTo(JSON.valueToTree(documented));
            }
        });
    }

    @Test
    void namesTheEnvironmentVariableOfEachSettingThatHasOne() {
        for (Setting setting : Setting.values()) {
            assertThat(properties.get(setting.property()).get("description").asString()).as(setting.property())
                    .contains("Environment variable " + setting.environmentVariable() + ".");
        }
    }
}

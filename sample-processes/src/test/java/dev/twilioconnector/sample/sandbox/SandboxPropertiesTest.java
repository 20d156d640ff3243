package dev.twilioconnector.sample.sandbox;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code twilio.sandbox.*}: how it binds before any bean exists, and that IDEs get its description. */
class SandboxPropertiesTest {

    @Test
    void unsetLeavesTheDecisionToSandboxMode() {
        assertThat(SandboxProperties.of(new MockEnvironment()).enabled()).isNull();
    }

    @Test
    void bindsTheSwitchAsSpringBootReadsABoolean() {
        assertThat(SandboxProperties.of(new MockEnvironment().withProperty("twilio.sandbox.enabled", "false")).enabled()).isFalse();
        assertThat(SandboxProperties.of(new MockEnvironment().withProperty("twilio.sandbox.enabled", " TRUE ")).enabled()).isTrue();
    }

    @Test
    void theConfigurationMetadataDescribesEveryProperty() throws Exception {
        Path classes = Path.of(SandboxProperties.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        JsonNode metadata = JsonMapper.builder().build().readTree(classes.resolve("META-INF/spring-configuration-metadata.json").toFile());

        assertThat(metadata.get("properties")).singleElement().satisfies(property -> {
            assertThat(property.get("name").asString()).isEqualTo(SandboxMode.ENABLED);
            assertThat(property.get("description").asString()).contains("TWILIO_ACCOUNT").endsWith(".");
            assertThat(property.get("defaultValue")).as("on or off depends on the account").isNull();
        });
    }
}

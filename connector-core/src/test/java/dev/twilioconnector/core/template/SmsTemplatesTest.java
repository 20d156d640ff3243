package dev.twilioconnector.core.template;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SmsTemplatesTest {

    private static final String TO = "+15551230001";

    private final SmsTemplates templates = new SmsTemplates();

    private String render(String source, Map<String, ?> variables) throws TemplateProblem {
        return render(source, variables, TO);
    }

    private String render(String source, Map<String, ?> variables, String recipient) throws TemplateProblem {
        SmsTemplate template = templates.compile(source);
        return template.render(template.scope(variables), recipient);
    }

    /** A process variable that is a Java bean rather than a map. */
    public static final class Customer {
        private final String name;

        public Customer(String name) {
            this.name = name;
        }

        public String getName() {
            return name;
        }

        public String shout() {
            return name.toUpperCase();
        }
    }

    @Nested
    class Rendering {

        @Test
        void plainText() throws TemplateProblem {
            assertThat(render("Your code is ready.", Map.of())).isEqualTo("Your code is ready.");
        }

        @Test
        void nestedMap() throws TemplateProblem {
            Map<String, Object> variables = Map.of("customer", Map.of("name", "Ada", "address", Map.of("city", "Zürich")));
            assertThat(render("Hello ${customer.name} from ${customer.address.city}!", variables))
                    .isEqualTo("Hello Ada from Zürich!");
        }

        @Test
        void beanProperty() throws TemplateProblem {
            assertThat(render("Hello ${customer.name}", Map.of("customer", new Customer("Grace")))).isEqualTo("Hello Grace");
        }

        @Test
        void conditional() throws TemplateProblem {
            String source = "<#if vip>Dear valued ${name}<#else>Hi ${name}</#if>";
            assertThat(render(source, Map.of("vip", true, "name", "Ada"))).isEqualTo("Dear valued Ada");
            assertThat(render(source, Map.of("vip", false, "name", "Ada"))).isEqualTo("Hi Ada");
        }

        @Test
        void list() throws TemplateProblem {
            Map<String, Object> variables = Map.of("items", List.of(
                    Map.of("name", "tea", "qty", 2),
                    Map.of("name", "cake", "qty", 1)));
            assertThat(render("<#list items as item>${item.qty}x ${item.name}<#sep>, </#list>", variables))
                    .isEqualTo("2x tea, 1x cake");
        }

        @Test
        void recipient() throws TemplateProblem {
            SmsTemplate template = templates.compile("Sent to ${recipient}: ${greeting}");
            SmsTemplate.Scope scope = template.scope(Map.of("greeting", "hi"));
            assertThat(template.render(scope, "+15551230001")).isEqualTo("Sent to +15551230001: hi");
            assertThat(template.render(scope, "whatsapp:+15551230002")).isEqualTo("Sent to whatsapp:+15551230002: hi");
        }

        @Test
        void noVariablesAtAllStillRenderTheRecipient() throws TemplateProblem {
            SmsTemplate template = templates.compile("Hello ${recipient}");
            assertThat(template.render(template.scope(null), "+15551230001")).isEqualTo("Hello +15551230001");
        }

        @Test
        void recipientOverridesAVariableOfTheSameName() throws TemplateProblem {
            assertThat(render("${recipient}", Map.of("recipient", "someone else"))).isEqualTo(TO);
        }

        @Test
        void numbersPrintWithoutGrouping() throws TemplateProblem {
            Map<String, Object> variables = Map.of(
                    "order", 4711,
                    "big", 1234567890123L,
                    "price", new BigDecimal("1234.50"),
                    "ratio", 0.25d);
            assertThat(render("order ${order}, ${big}, ${price}, ${ratio}", variables))
                    .isEqualTo("order 4711, 1234567890123, 1234.5, 0.25");
        }

        @Test
        void booleansPrint() throws TemplateProblem {
            assertThat(render("${flag}", Map.of("flag", true))).isEqualTo("true");
        }

        @Test
        void datesPrint() throws TemplateProblem {
            Instant instant = Instant.parse("2024-03-05T14:07:00Z");
            String expected = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault()).format(instant);
            Map<String, Object> variables = Map.of(
                    "date", Date.from(instant),
                    "instant", instant,
                    "day", LocalDate.of(2024, 12, 24),
                    "local", LocalDateTime.of(2024, 1, 2, 3, 4, 5));

            assertThat(render("${date}", variables)).isEqualTo(expected);
            assertThat(render("${instant}", variables)).isEqualTo(expected);
            assertThat(render("${day}", variables)).isEqualTo("2024-12-24");
            assertThat(render("${local}", variables)).isEqualTo("2024-01-02 03:04");
            assertThat(render("${day?string('dd.MM.yyyy')}", variables)).isEqualTo("24.12.2024");
        }

        @Test
        void defaultOperatorCoversAbsentValues() throws TemplateProblem {
            Map<String, Object> variables = new HashMap<>();
            variables.put("nothing", null);
            assertThat(render("[${nothing!\"\"}][${missing!'n/a'}]", variables)).isEqualTo("[][n/a]");
        }

        @Test
        void recipientAloneNeedsNoVariables() throws TemplateProblem {
            assertThat(render("${recipient}", Map.of())).isEqualTo(TO);
        }
    }

    @Nested
    class Problems {

        @Test
        void missingTopLevelVariableIsNamed() {
            assertThatThrownBy(() -> render("Hello ${name}", Map.of()))
                    .isInstanceOf(TemplateProblem.class)
                    .hasMessage(SmsTemplate.MISSING_VARIABLE.formatted("name", 1, 9, "name"));
        }

        @Test
        void missingNestedValueIsNamed() {
            assertThatThrownBy(() -> render("Hi\nDear ${customer.name}", Map.of("customer", Map.of("id", 1))))
                    .isInstanceOf(TemplateProblem.class)
                    .hasMessageContaining("'customer.name'")
                    .hasMessageContaining("line 2");
        }

        @Test
        void missingParentIsNamed() {
            assertThatThrownBy(() -> render("Dear ${customer.name}", Map.of()))
                    .isInstanceOf(TemplateProblem.class)
                    .hasMessageContaining("'customer'");
        }

        @Test
        void syntaxErrorGivesLineAndColumn() {
            assertThatThrownBy(() -> templates.compile("Hello\nthere ${name"))
                    .isInstanceOf(TemplateProblem.class)
                    .hasMessageStartingWith("template has a syntax error at line 2, column ");
        }

        @Test
        void unclosedDirectiveIsSyntaxError() {
            assertThatThrownBy(() -> templates.compile("<#if x>yes"))
                    .isInstanceOf(TemplateProblem.class)
                    .hasMessageMatching("template has a syntax error at line \\d+, column \\d+: .+");
        }

        @Test
        void syntaxErrorIsNotCached() {
            assertThatThrownBy(() -> templates.compile("${")).isInstanceOf(TemplateProblem.class);
            assertThat(templates.cachedCount()).isZero();
        }

        @Test
        void wrongTypeIsRenderError() {
            assertThatThrownBy(() -> render("${items}", Map.of("items", List.of(1, 2))))
                    .isInstanceOf(TemplateProblem.class)
                    .hasMessageStartingWith("template cannot be rendered: ");
        }
    }

    @Nested
    class Security {

        @Test
        void newBuiltInCannotRunCommands(@TempDir Path dir) throws Exception {
            Path proof = dir.resolve("executed");
            String source = "<#assign x=\"freemarker.template.utility.Execute\"?new()>${x(\"touch " + proof + "\")}";

            assertThatThrownBy(() -> render(source, Map.of())).isInstanceOf(TemplateProblem.class);
            assertThat(Files.exists(proof)).isFalse();
            assertThat(proof.getParent()).isEmptyDirectory();
        }

        @Test
        void newBuiltInCannotConstructObjects() {
            String source = "<#assign c=\"freemarker.template.utility.ObjectConstructor\"?new()>${c(\"java.io.File\", \"/\")}";
            assertThatThrownBy(() -> render(source, Map.of())).isInstanceOf(TemplateProblem.class);
        }

        @Test
        void apiBuiltInIsDisabled() {
            assertThatThrownBy(() -> render("${obj?api.size()}", Map.of("obj", Map.of("a", 1))))
                    .isInstanceOf(TemplateProblem.class);
            assertThatThrownBy(() -> render("${obj?api}", Map.of("obj", new Customer("Ada"))))
                    .isInstanceOf(TemplateProblem.class);
        }

        @Test
        void beanClassIsNotExposed() {
            Map<String, Object> variables = Map.of("bean", new Customer("Ada"));
            assertThatThrownBy(() -> render("${bean.class}", variables)).isInstanceOf(TemplateProblem.class);
            assertThatThrownBy(() -> render("${bean.class.name}", variables)).isInstanceOf(TemplateProblem.class);
            assertThatThrownBy(() -> render("${bean.getClass()}", variables)).isInstanceOf(TemplateProblem.class);
            assertThatThrownBy(() -> render("${bean.class.protectionDomain}", variables)).isInstanceOf(TemplateProblem.class);
        }

        @Test
        void beanMethodsAreNotExposed() {
            Map<String, Object> variables = Map.of("bean", new Customer("Ada"));
            assertThatThrownBy(() -> render("${bean.shout()}", variables)).isInstanceOf(TemplateProblem.class);
            assertThatThrownBy(() -> render("${bean.getName()}", variables)).isInstanceOf(TemplateProblem.class);
        }

        @Test
        void classOfAnyValueIsNotExposed() throws TemplateProblem {
            Map<String, Object> variables = Map.of("text", "abc", "map", Map.of("k", "v"), "number", 5);
            assertThatThrownBy(() -> render("${text.class}", variables)).isInstanceOf(TemplateProblem.class);
            assertThatThrownBy(() -> render("${number.class}", variables)).isInstanceOf(TemplateProblem.class);
            // A map's "class" is just a missing key, never java.util.Map's class
            assertThat(render("${map.class!'none'}", variables)).isEqualTo("none");
        }

        @Test
        void noTemplateCanBeIncluded() {
            assertThatThrownBy(() -> render("<#include \"/etc/passwd\">", Map.of())).isInstanceOf(TemplateProblem.class);
            assertThatThrownBy(() -> render("<#import \"lib.ftl\" as lib>", Map.of())).isInstanceOf(TemplateProblem.class);
        }

        @Test
        void staticsAreNotReachable() {
            assertThatThrownBy(() -> render("${statics[\"java.lang.System\"].getenv()}", Map.of()))
                    .isInstanceOf(TemplateProblem.class);
        }
    }

    @Nested
    class Caching {

        @Test
        void sameSourceGivesSameInstance() throws TemplateProblem {
            SmsTemplate first = templates.compile("Hello ${name}");
            SmsTemplate second = templates.compile("Hello ${name}");
            SmsTemplate other = templates.compile("Bye ${name}");

            assertThat(second).isSameAs(first);
            assertThat(other).isNotSameAs(first);
            assertThat(templates.cachedCount()).isEqualTo(2);
        }

        @Test
        void cacheIsBounded() throws TemplateProblem {
            SmsTemplates small = new SmsTemplates(2);
            SmsTemplate a = small.compile("a");
            small.compile("b");
            small.compile("c");

            assertThat(small.cachedCount()).isEqualTo(2);
            assertThat(small.compile("a")).isNotSameAs(a);
        }

        @Test
        void leastRecentlyUsedIsEvicted() throws TemplateProblem {
            SmsTemplates small = new SmsTemplates(2);
            SmsTemplate a = small.compile("a");
            SmsTemplate b = small.compile("b");
            small.compile("a");
            small.compile("c");

            assertThat(small.compile("a")).isSameAs(a);
            assertThat(small.compile("b")).isNotSameAs(b);
        }

        @Test
        void oneTemplateRendersConcurrently() throws Exception {
            SmsTemplate template = templates.compile("Hi ${name}, this is for ${recipient}");
            SmsTemplate.Scope scope = template.scope(Map.of("name", "Ada"));
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Callable<String>> jobs = new java.util.ArrayList<>();
                for (int i = 0; i < 200; i++) {
                    String to = "+1555123%04d".formatted(i);
                    jobs.add(() -> template.render(scope, to));
                }
                List<Future<String>> results = pool.invokeAll(jobs);
                for (int i = 0; i < results.size(); i++) {
                    assertThat(results.get(i).get()).isEqualTo("Hi Ada, this is for +1555123%04d".formatted(i));
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }
}

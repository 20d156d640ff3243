package dev.twilioconnector.core.template;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How far a rendering may go: {@link SmsTemplate#MAX_LENGTH} characters (or the caller's limit) and the render timeout. */
class RenderLimitsTest {

    private static final String TO = "+15551230001";
    private static final String EMOJI = "\uD83D\uDE00";
    /** 200,000,000 × 10 characters: 2 GB of text if it were ever held. */
    private static final String TWO_GIGABYTES = "<#list 1..200000000 as i>xxxxxxxxxx</#list>";
    private static final String ENDLESS = "<#list 1..2000000000 as i></#list>";
    private static final Duration TIMEOUT = Duration.ofMillis(200);

    private final SmsTemplates templates = new SmsTemplates(TIMEOUT);

    @AfterEach
    void theTestThreadIsNotLeftInterrupted() {
        assertThat(Thread.interrupted()).as("no interrupt leaked to the caller").isFalse();
    }

    private String render(String source) throws TemplateProblem {
        return render(source, Map.of());
    }

    private String render(String source, Map<String, ?> variables) throws TemplateProblem {
        SmsTemplate template = templates.compile(source);
        return template.render(template.scope(variables), TO);
    }

    private SmsTemplate.Rendered renderAtMost(String source, int maxLength) throws TemplateProblem {
        SmsTemplate template = templates.compile(source);
        return template.renderAtMost(template.scope(Map.of()), TO, maxLength);
    }

    @Nested
    class Length {

        @Test
        void sixteenHundredCharactersAreFine() throws TemplateProblem {
            assertThat(render("${text}", Map.of("text", "x".repeat(SmsTemplate.MAX_LENGTH)))).hasSize(1600);
            assertThat(render("${text}", Map.of("text", EMOJI.repeat(SmsTemplate.MAX_LENGTH))))
                    .as("characters, not UTF-16 units").isEqualTo(EMOJI.repeat(1600));
        }

        @Test
        void oneMoreIsTooLong() {
            assertThatThrownBy(() -> render("${text}", Map.of("text", "x".repeat(SmsTemplate.MAX_LENGTH + 1))))
                    .isInstanceOfSatisfying(TemplateTooLong.class, e -> assertThat(e.maxLength()).isEqualTo(1600))
                    .hasMessage("the rendered text is longer than 1600 characters; rendering stopped there");
        }

        @Test
        void aTemplateThatWouldWriteTwoGigabytesStopsAtTheLimit() {
            assertThatThrownBy(() -> render(TWO_GIGABYTES)).isInstanceOf(TemplateTooLong.class);
        }

        @Test
        void theCallerNamesTheLimit() throws TemplateProblem {
            SmsTemplate template = templates.compile("${text}");

            assertThat(template.render(template.scope(Map.of("text", "0123456789")), TO, 10)).isEqualTo("0123456789");
            assertThatThrownBy(() -> template.render(template.scope(Map.of("text", "0123456789A")), TO, 10))
                    .isInstanceOfSatisfying(TemplateTooLong.class, e -> assertThat(e.maxLength()).isEqualTo(10));
        }

        @Test
        void renderAtMostCutsInsteadOfRefusing() throws TemplateProblem {
            SmsTemplate.Rendered cut = renderAtMost(TWO_GIGABYTES, 25);
            SmsTemplate.Rendered whole = renderAtMost("Hello ${recipient}", 25);

            assertThat(cut).isEqualTo(new SmsTemplate.Rendered("x".repeat(25), true));
            assertThat(whole).isEqualTo(new SmsTemplate.Rendered("Hello " + TO, false));
        }

        @Test
        void renderAtMostNeverCutsACharacterInTwo() throws TemplateProblem {
            SmsTemplate.Rendered cut = renderAtMost("<#list 1..1000 as i>" + EMOJI + "</#list>", 3);

            assertThat(cut.text()).isEqualTo(EMOJI.repeat(3));
            assertThat(cut.cut()).isTrue();
        }

        @Test
        void renderAtMostStillReportsOtherProblems() {
            assertThatThrownBy(() -> renderAtMost("${missing}", 10)).isInstanceOf(TemplateProblem.class)
                    .hasMessageStartingWith("template refers to 'missing'");
            assertThatThrownBy(() -> renderAtMost(ENDLESS, 10)).isInstanceOf(TemplateTimedOut.class);
        }
    }

    @Nested
    class Timeout {

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {
                ENDLESS,
                "<#list 1..2000000000 as i><#if i < 0>never</#if></#list>",
                "<#list 1..2000000000><#items as i></#items></#list>",
                "<#macro twice n><#if n gt 0><@twice n - 1/><@twice n - 1/></#if></#macro><@twice 60/>",
                "<#function calls n><#if n lte 0><#return 0></#if><#return calls(n - 1) + calls(n - 1)></#function>${calls(60)}",
        })
        void aRenderingThatDoesNotEndIsStoppedAtTheTimeout(String source) {
            assertThatThrownBy(() -> render(source))
                    .isInstanceOfSatisfying(TemplateTimedOut.class, e -> assertThat(e.timeout()).isEqualTo(TIMEOUT))
                    .hasMessage("template took longer than 200 ms to render and was stopped "
                            + "(twilio.templates.render-timeout); look for a loop or recursion that does not end");
            assertThat(Thread.currentThread().isInterrupted()).isFalse();
        }

        @Test
        void aRenderingThatEndsAfterTheDeadlineCountsAsTimedOut() throws TemplateProblem {
            // ?filter loops inside one built-in, where FreeMarker has no interruption check: it runs to its end
            // (2,000,000 calls, far more than 1 ms), and ending late is still a timeout.
            Map<String, ?> variables = Map.of("numbers", Collections.nCopies(2_000_000, 1));
            SmsTemplate template = new SmsTemplates(Duration.ofMillis(1)).compile("${numbers?filter(n -> n < 0)?size}");

            assertThatThrownBy(() -> template.render(template.scope(variables), TO)).isInstanceOf(TemplateTimedOut.class);
            SmsTemplate patient = new SmsTemplates(Duration.ofSeconds(30)).compile("${numbers?filter(n -> n < 0)?size}");
            assertThat(patient.render(patient.scope(variables), TO)).as("with time enough").isEqualTo("0");
        }

        @ParameterizedTest
        @ValueSource(strings = {"${(1..)?seq_contains(0)?c}", "${(1..2000000000)?filter(n -> n < 0)?size}",
                "<#list (1..)?filter(n -> n < 0) as n>${n}</#list>", "${[1..3]?size}", "<#assign r = 1..><#list r as i>${i}</#list>"})
        void aRangeOutsideListOrSliceIsRefusedWhenCompiled(String source) {
            // A built-in loops over it inside one call, where the render timeout cannot stop it (over 1.. never).
            assertThatThrownBy(() -> new SmsTemplates().compile(source)).isInstanceOf(TemplateProblem.class)
                    .hasMessageStartingWith("template uses ").hasMessageContaining("a range may only be what <#list> lists");
        }

        @ParameterizedTest
        @ValueSource(strings = {"<@\"<#list 1.. as i></#list>\"?interpret/>", "${\"1..2147483647\"?eval?seq_contains(-1)?c}",
                "${(\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!\")?matches(\"(.*a){12}\")?c}",
                "<#attempt><#list 1.. as i>x</#list><#recover>r</#attempt>", "<#assign captured><#list 1.. as i>x</#list></#assign>",
                "${name?replace(\"(.*a){12}\", \"\", \"r\")}", "${name?split(\",\", flags)?size}", "${name?keepAfter(\"a+\", \"ri\")}",
                "<#assign s = \"\"?left_pad(200000, \"x,\")?split(\",\")>${s?size}"})
        void whatNoCheckCanBoundIsRefusedWhenCompiled(String source) {
            // Code made at render time, a regular expression run in one call, output held outside the bounded text.
            assertThatThrownBy(() -> new SmsTemplates().compile(source)).isInstanceOf(TemplateProblem.class)
                    .hasMessageStartingWith("template uses ").hasMessageContaining("not allowed");
        }

        @Test
        void aLiteralSliceOfAHugeRangeIsAProblemWhenCompiledNotAnError() {
            // FreeMarker works the constant out while parsing, which would end in an OutOfMemoryError.
            assertThatThrownBy(() -> new SmsTemplates().compile("${(1..)[0..]?seq_contains(-1)?c}")).isInstanceOf(TemplateProblem.class)
                    .hasMessage(SmsTemplates.TOO_LARGE_TO_COMPILE);
        }

        @Test
        void aRangeThatIsWhatListListsOrASliceIsFine() throws TemplateProblem {
            assertThat(render("<#list 1..3 as i>${i}</#list>|<#list (3..1) as i>${i}</#list>|<#list 1..<3 as i>${i}</#list>"))
                    .isEqualTo("123|321|12");
            assertThat(render("${name[0..2]}|${name[1..]}|${name[0..<2]}", Map.of("name", "Ada Lovelace"))).isEqualTo("Ada|da Lovelace|Ad");
            assertThat(render("${name?replace(\"a\", \"o\", \"i\")}|${name?split(\" \")?size}|${name?left_pad(14, \".\")}",
                    Map.of("name", "Ada Lovelace"))).isEqualTo("odo Loveloce|2|..Ada Lovelace");
        }

        @Test
        void theThreadIsUsableAfterwards() throws Exception {
            assertThatThrownBy(() -> render(ENDLESS)).isInstanceOf(TemplateTimedOut.class);

            assertThat(render("<#list 1..3 as i>${i}</#list>")).isEqualTo("123");
            // An interrupt arriving late would end this sleep with InterruptedException.
            Thread.sleep(TIMEOUT.toMillis() + 100);
        }

        @Test
        void theTimeoutComesFromTheTemplates() throws TemplateProblem {
            assertThat(templates.renderTimeout()).isEqualTo(TIMEOUT);
            assertThat(templates.compile("x").renderTimeout()).isEqualTo(TIMEOUT);
            assertThat(new SmsTemplates().renderTimeout()).isEqualTo(Duration.ofSeconds(2)).isEqualTo(SmsTemplates.DEFAULT_RENDER_TIMEOUT);
            assertThatThrownBy(() -> new SmsTemplates(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void endlessRenderingsOnManyThreadsAreEachStopped() throws Exception {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Callable<String>> jobs = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    jobs.add(() -> {
                        try {
                            render(ENDLESS);
                            return "rendered";
                        } catch (TemplateTimedOut e) {
                            return Thread.currentThread().isInterrupted() ? "timed out, interrupt leaked" : "timed out";
                        }
                    });
                }
                for (Future<String> outcome : pool.invokeAll(jobs)) {
                    assertThat(outcome.get()).isEqualTo("timed out");
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Nested
    class Interrupts {

        @Test
        void aCallerInterruptedBeforehandGetsItsTextAndKeepsItsInterrupt() throws TemplateProblem {
            Thread.currentThread().interrupt();

            String text = render("<#list 1..3 as i>${i}</#list>");

            assertThat(Thread.interrupted()).as("the caller's own interrupt is handed back").isTrue();
            assertThat(text).isEqualTo("123");
        }

        @Test
        void aCallerInterruptedBeforehandKeepsItsInterruptAfterATimeout() {
            Thread.currentThread().interrupt();

            Throwable problem = catchProblem(() -> render(ENDLESS));

            assertThat(Thread.interrupted()).isTrue();
            assertThat(problem).isInstanceOf(TemplateTimedOut.class);
        }

        @Test
        void anInterruptFromElsewhereStopsTheRenderingAndStaysSet() throws Exception {
            SmsTemplates patient = new SmsTemplates(Duration.ofSeconds(30));
            SmsTemplate template = patient.compile("${probe.started}" + ENDLESS);
            Probe probe = new Probe();
            AtomicReference<Throwable> problem = new AtomicReference<>();
            AtomicBoolean interruptedAfterwards = new AtomicBoolean();
            Thread renderer = new Thread(() -> {
                problem.set(catchProblem(() -> template.render(template.scope(Map.of("probe", probe)), TO)));
                interruptedAfterwards.set(Thread.currentThread().isInterrupted());
            });
            renderer.start();
            assertThat(probe.started.await(10, TimeUnit.SECONDS)).isTrue();

            renderer.interrupt();
            renderer.join(10_000);

            assertThat(renderer.isAlive()).isFalse();
            assertThat(problem.get()).isInstanceOf(TemplateProblem.class).isNotInstanceOf(TemplateTimedOut.class)
                    .hasMessage(SmsTemplate.INTERRUPTED);
            assertThat(interruptedAfterwards).isTrue();
        }
    }

    @Nested
    class Recursion {

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {
                "<#macro again><@again/></#macro><@again/>",
                "<#function deeper n><#return deeper(n + 1)></#function>${deeper(0)}",
        })
        void endlessRecursionIsAProblemNotACrash(String source) throws TemplateProblem {
            assertThatThrownBy(() -> render(source)).isInstanceOf(TemplateProblem.class).hasMessage(SmsTemplate.TOO_DEEP);

            assertThat(render("still ${'fine'}")).isEqualTo("still fine");
        }
    }

    private static Throwable catchProblem(Callable<?> rendering) {
        try {
            rendering.call();
            return null;
        } catch (Exception e) {
            return e;
        }
    }

    /** A variable whose property tells the test the rendering has begun. */
    public static final class Probe {
        private final CountDownLatch started = new CountDownLatch(1);

        public String getStarted() {
            started.countDown();
            return "";
        }
    }
}

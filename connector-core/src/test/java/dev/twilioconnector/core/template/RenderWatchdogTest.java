package dev.twilioconnector.core.template;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The watchdog's interrupt never outlives the rendering it was meant for, whoever wins the race at the deadline. */
class RenderWatchdogTest {

    @AfterEach
    void theTestThreadIsNotLeftInterrupted() {
        assertThat(Thread.interrupted()).isFalse();
    }

    @Test
    void stoppedBeforeTheDeadlineTheAlarmHasNoEffect() {
        RenderWatchdog.Watch watch = RenderWatchdog.watch(Duration.ofMinutes(1));

        assertThat(watch.stop()).isFalse();
        watch.run(); // the alarm, had it not been cancelled in time
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void theAlarmFirstInterruptsAndStopClearsIt() {
        RenderWatchdog.Watch watch = RenderWatchdog.watch(Duration.ofMinutes(1));

        watch.run(); // the alarm, firing now
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
        assertThat(watch.stop()).isTrue();
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void pastTheDeadlineTheSchedulerInterruptsTheThreadAndStopClearsIt() {
        RenderWatchdog.Watch watch = RenderWatchdog.watch(Duration.ofMillis(20));
        long giveUp = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!Thread.currentThread().isInterrupted() && System.nanoTime() < giveUp) {
            Thread.onSpinWait();
        }

        assertThat(Thread.currentThread().isInterrupted()).as("the alarm interrupted the watched thread").isTrue();
        assertThat(watch.stop()).isTrue();
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void anInterruptThatWasAlreadyThereWhenTheAlarmFiredIsLeftAlone() {
        RenderWatchdog.Watch watch = RenderWatchdog.watch(Duration.ofMinutes(1));
        Thread.currentThread().interrupt();

        watch.run();

        assertThat(watch.stop()).as("the deadline passed").isTrue();
        assertThat(Thread.interrupted()).as("someone else's interrupt is theirs to clear").isTrue();
    }

    @Test
    void renderingsEndingRightAtTheDeadlineNeverLeakTheInterrupt() throws Exception {
        // Timeouts around the time a small rendering takes, so the alarm fires before, during and after it ends.
        SmsTemplate template = new SmsTemplates(Duration.ofNanos(20_000)).compile("<#list 1..50 as i>${i}</#list>");
        SmsTemplate.Scope scope = template.scope(Map.of());
        int rendered = 0;
        int timedOut = 0;
        for (int i = 0; i < 3000; i++) {
            try {
                template.render(scope, "+15551230001");
                rendered++;
            } catch (TemplateTimedOut e) {
                timedOut++;
            }
            assertThat(Thread.currentThread().isInterrupted()).as("after rendering %d", i).isFalse();
        }
        // A late alarm would interrupt this sleep.
        Thread.sleep(100);

        assertThat(rendered + timedOut).isEqualTo(3000);
    }
}

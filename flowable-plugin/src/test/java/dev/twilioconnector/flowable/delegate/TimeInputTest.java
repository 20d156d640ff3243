package dev.twilioconnector.flowable.delegate;

import dev.twilioconnector.core.Refusal;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.Date;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Times and counts as a process holds them, read into the values requests take. */
class TimeInputTest {

    private static final Instant NOON = Instant.parse("2026-11-22T12:00:00Z");

    @Test
    void aFilterTakesADateAsItsStartInUtcAndATimeWithItsZone() {
        assertThat(TimeInput.dateOrTime("dateSentAfter", "2026-11-22")).isEqualTo(Instant.parse("2026-11-22T00:00:00Z"));
        assertThat(TimeInput.dateOrTime("dateSentAfter", LocalDate.parse("2026-11-22"))).isEqualTo(Instant.parse("2026-11-22T00:00:00Z"));
        assertThat(TimeInput.dateOrTime("dateSentAfter", "2026-11-22T14:00:00+02:00")).isEqualTo(NOON);
        assertThat(TimeInput.dateOrTime("dateSentAfter", Date.from(NOON))).isEqualTo(NOON);
        assertThat(TimeInput.dateOrTime("dateSentAfter", " ")).isNull();
        assertThat(TimeInput.dateOrTime("dateSentAfter", null)).isNull();
    }

    @Test
    void aScheduledTimeNeedsItsZone() {
        assertThat(TimeInput.zonedTime("smsSendAt", "2026-11-22T12:00:00Z")).isEqualTo(NOON);
        assertThat(TimeInput.zonedTime("smsSendAt", OffsetDateTime.parse("2026-11-22T13:00:00+01:00"))).isEqualTo(NOON);
        assertThat(TimeInput.zonedTime("smsSendAt", Date.from(NOON))).isEqualTo(NOON);
        assertThatThrownBy(() -> TimeInput.zonedTime("smsSendAt", LocalDateTime.parse("2026-11-22T12:00:00")))
                .hasMessage("smsSendAt '2026-11-22T12:00' is not a time with its zone, e.g. 2026-12-24T09:00:00Z");
        assertThatThrownBy(() -> TimeInput.dateOrTime("dateSentBefore", "yesterday"))
                .hasMessage("dateSentBefore 'yesterday' is not a date (2026-11-22) or a time with its zone (2026-11-22T09:00:00Z)");
    }

    @Test
    void aCountIsAWholeNumberOrTextThatSpellsOne() {
        assertThat(WholeNumberInput.of(25, Refusal.PAGE_SIZE_RANGE)).isEqualTo(25L);
        assertThat(WholeNumberInput.of(25.0, Refusal.PAGE_SIZE_RANGE)).isEqualTo(25L);
        assertThat(WholeNumberInput.of(" 25 ", Refusal.PAGE_SIZE_RANGE)).isEqualTo(25L);
        assertThat(WholeNumberInput.of(null, Refusal.PAGE_SIZE_RANGE)).isNull();
        assertThatThrownBy(() -> WholeNumberInput.of(2.5, Refusal.PAGE_SIZE_RANGE))
                .isInstanceOfSatisfying(InputProblem.class, e -> assertThat(e.problem().values()).containsExactly("2.5"));
    }
}

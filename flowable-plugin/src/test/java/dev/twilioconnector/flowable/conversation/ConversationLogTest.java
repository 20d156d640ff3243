package dev.twilioconnector.flowable.conversation;

import dev.twilioconnector.core.sms.Accepted;
import dev.twilioconnector.flowable.schema.PluginSchema;
import dev.twilioconnector.flowable.schema.PluginTables;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Who texted whom, on in-memory H2: recorded in one batch, a retried task's repeats ignored, and read back by phone. */
class ConversationLogTest {

    private static final String ADA = "+15551230001";
    private static final String BOB = "+15551230002";
    private static final Instant NINE = Instant.parse("2026-12-02T09:00:00Z");

    private final JdbcDataSource database = new JdbcDataSource();

    ConversationLogTest() {
        database.setURL("jdbc:h2:mem:conversation-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        new PluginSchema(database).migrate();
    }

    /** The log as a node writing at {@code now} sees it: every one shares the same tables. */
    private ConversationLog logAt(Instant now) {
        return new ConversationLog(database, PluginTables.UNPREFIXED, Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void aRetriedTaskThatReportsEarlierMessagesAgainRecordsOnlyTheNewOnes() {
        logAt(NINE).texted("first", List.of(sent(ADA, "SM1"), sent(BOB, "SM2")));

        ConversationLog log = logAt(NINE.plusSeconds(60));
        log.texted("first", List.of(sent(ADA, "SM1"), sent(ADA, "SM3")));

        assertThat(log.lastTexted(ADA, Set.of("first"))).containsEntry("first", NINE.plusSeconds(60));
        assertThat(log.lastTexted(BOB, Set.of("first"))).containsEntry("first", NINE);
    }

    @Test
    void answersWhoTextedAPhoneBeforeAMoment() {
        logAt(NINE).texted("early", List.of(sent(ADA, "SM10")));
        ConversationLog log = logAt(NINE.plusSeconds(120));
        log.texted("late", List.of(sent(ADA, "SM11")));

        Instant between = NINE.plusSeconds(60);
        assertThat(log.textedBefore(ADA, Set.of("early", "late"), between)).containsOnlyKeys("early");
        assertThat(log.lastTexted(ADA, Set.of("early", "late"))).containsOnlyKeys("early", "late");
        assertThat(log.anyTextedBefore(ADA, between)).isTrue();
        assertThat(log.anyTextedBefore(ADA, NINE)).as("strictly before").isFalse();
        assertThat(log.anyTextedBefore(BOB, between)).isFalse();
    }

    private static Accepted sent(String to, String sid) {
        return new Accepted(to, sid, "queued");
    }
}

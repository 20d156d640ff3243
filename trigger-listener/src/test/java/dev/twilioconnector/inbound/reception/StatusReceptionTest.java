package dev.twilioconnector.inbound.reception;

import dev.twilioconnector.flowable.inbound.InboundMessageLedger;
import dev.twilioconnector.flowable.inbound.StatusOrder;
import dev.twilioconnector.flowable.schema.PluginTables;
import dev.twilioconnector.flowable.schema.PluginSchema;
import dev.twilioconnector.inbound.reception.StatusReception.Outcome;
import dev.twilioconnector.inbound.webhook.DeliveryReport;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Delivery reports with a real ledger on in-memory H2 and a publisher that records (or refuses) what it is given. */
class StatusReceptionTest {

    private final List<DeliveryReport> published = new ArrayList<>();
    private boolean engineRefuses;
    private StatusReception reception;

    @BeforeEach
    void setUp() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:status-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        new PluginSchema(dataSource).migrate();
        InboundMessageLedger ledger = new InboundMessageLedger(dataSource, Clock.systemUTC(), Duration.ofMinutes(2),
                Duration.ofMillis(200), Duration.ofDays(7));
        StatusOrder order = new StatusOrder(dataSource, PluginTables.UNPREFIXED, Clock.systemUTC(), Duration.ofDays(7));
        reception = new StatusReception(ledger, report -> {
            if (engineRefuses) {
                throw new IllegalStateException("engine down");
            }
            published.add(report);
        }, order);
    }

    @Test
    void eachStatusOfAMessageIsPublishedOnce() {
        DeliveryReport sent = report("sent");
        DeliveryReport delivered = report("delivered");

        assertThat(List.of(reception.receive(sent), reception.receive(delivered), reception.receive(delivered), reception.receive(sent)))
                .containsExactly(Outcome.PUBLISHED, Outcome.PUBLISHED, Outcome.REPEATED, Outcome.REPEATED);
        assertThat(published).containsExactly(sent, delivered);
    }

    @Test
    void aReportTheEngineDidNotTakeIsHandledAsNewWhenTwilioDeliversItAgain() {
        DeliveryReport delivered = report("delivered");
        engineRefuses = true;

        assertThat(reception.receive(delivered)).isEqualTo(Outcome.FAILED);

        engineRefuses = false;
        assertThat(reception.receive(delivered)).isEqualTo(Outcome.PUBLISHED);
        assertThat(reception.receive(delivered)).isEqualTo(Outcome.REPEATED);
        assertThat(published).containsExactly(delivered);
    }

    @Test
    void aReportThatComesAfterALaterStageOfItsMessageIsNotPublished() {
        DeliveryReport delivered = report("delivered");
        DeliveryReport sent = report("sent");
        DeliveryReport queued = report("queued");

        assertThat(List.of(reception.receive(delivered), reception.receive(sent), reception.receive(queued)))
                .containsExactly(Outcome.PUBLISHED, Outcome.SUPERSEDED, Outcome.SUPERSEDED);
        assertThat(reception.receive(sent)).as("a repeat of a superseded report").isEqualTo(Outcome.REPEATED);
        assertThat(published).containsExactly(delivered);
    }

    @Test
    void reportsOfOneStageLaterStagesAndUnknownStatusesArePublished() {
        DeliveryReport delivered = report("delivered");
        DeliveryReport failed = report("failed");
        DeliveryReport read = report("read");
        DeliveryReport unknown = report("somethingnew");

        assertThat(List.of(reception.receive(delivered), reception.receive(failed), reception.receive(read), reception.receive(unknown)))
                .containsOnly(Outcome.PUBLISHED);
        assertThat(reception.receive(report("delivered"))).as("the same status again is a repeat").isEqualTo(Outcome.REPEATED);
        assertThat(reception.receive(report("sent"))).isEqualTo(Outcome.SUPERSEDED);
        assertThat(published).containsExactly(delivered, failed, read, unknown);
    }

    private static DeliveryReport report(String status) {
        return new DeliveryReport("SM00000000000000000000000000000042", status, null, "+15551230001", "+15005550006");
    }
}

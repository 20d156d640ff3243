package dev.twilioconnector.sample.cluster;

import dev.twilioconnector.emulator.TwilioEmulator;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * The test cluster: an embedded PostgreSQL, one Twilio emulator, and two nodes of the sample application
 * ({@link ClusterNode}) on them, started together and closed together by each test class that needs one.
 */
final class Cluster implements AutoCloseable {

    final EmbeddedPostgres postgres;
    final String jdbcUrl;
    final TwilioEmulator twilio;
    final ClusterNode nodeA;
    final ClusterNode nodeB;

    private Cluster(EmbeddedPostgres postgres, TwilioEmulator twilio, ClusterNode nodeA, ClusterNode nodeB) {
        this.postgres = postgres;
        this.jdbcUrl = jdbcUrl(postgres);
        this.twilio = twilio;
        this.nodeA = nodeA;
        this.nodeB = nodeB;
    }

    static Cluster start() throws IOException {
        long started = System.nanoTime();
        EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
        TwilioEmulator twilio = TwilioEmulator.start();
        ClusterNode nodeA = ClusterNode.start("nodeA", jdbcUrl(postgres), twilio);   // creates the schema
        ClusterNode nodeB = ClusterNode.start("nodeB", jdbcUrl(postgres), twilio);   // finds it
        report("cluster up (PostgreSQL, Twilio emulator, node A on %d, node B on %d)".formatted(nodeA.port, nodeB.port), started);
        return new Cluster(postgres, twilio, nodeA, nodeB);
    }

    private static String jdbcUrl(EmbeddedPostgres postgres) {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    @Override
    public void close() throws IOException {
        try (TwilioEmulator emulator = twilio; EmbeddedPostgres database = postgres; ClusterNode a = nodeA; ClusterNode b = nodeB) {
            // closed in reverse order: B, A, then PostgreSQL and the emulator
        }
    }

    /** Prints how long {@code what} took, for the build log: the cluster tests are the slow ones. */
    static void report(String what, long startedNanos) {
        System.out.printf("[cluster] %s in %d ms%n", what, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos));
    }
}

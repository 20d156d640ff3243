package dev.twilioconnector.benchmarks;

import dev.twilioconnector.benchmarks.Options.Db;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fresh, empty database per engine: H2 in memory, or a new database in one embedded PostgreSQL (started on first use,
 * on loopback, for the whole run). H2's statement cache is 64 per connection, as the sample sets it: H2's default of 8
 * is fewer than the statements one inbound message runs.
 */
public final class Databases implements AutoCloseable {

    private final AtomicInteger count = new AtomicInteger();
    private EmbeddedPostgres postgres;
    private Process h2Server;
    private int h2Port;

    public synchronized Database fresh(Db db, String purpose) {
        String name = "bench_" + purpose + "_" + count.incrementAndGet();
        return db == Db.H2 ? new Database(db, "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1;QUERY_CACHE_SIZE=64", "sa", "", "org.h2.Driver", name)
                : createPostgresDatabase(name);
    }

    /**
     * For measuring the heap: H2 in memory keeps its tables in this JVM's heap, so here it runs in a server process of
     * its own (H2's TCP server, loopback), the way PostgreSQL always does: the heap then holds the engine and the connector.
     */
    public synchronized Database freshOutsideTheHeap(Db db, String purpose) {
        if (db != Db.H2) {
            return fresh(db, purpose);
        }
        if (h2Server == null) {
            try {
                startH2Server();
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException("cannot start an H2 server process", e);
            }
        }
        String name = "bench_" + purpose + "_" + count.incrementAndGet();
        return new Database(db, "jdbc:h2:tcp://127.0.0.1:" + h2Port + "/mem:" + name + ";DB_CLOSE_DELAY=-1", "sa", "", "org.h2.Driver", name);
    }

    private void startH2Server() throws IOException, InterruptedException {
        h2Port = freeLoopbackPort();
        String h2Jar = Path.of(org.h2.Driver.class.getProtectionDomain().getCodeSource().getLocation().getPath()).toString();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        h2Server = new ProcessBuilder(java, "-Xmx512m", "-cp", h2Jar, "org.h2.tools.Server", "-tcp", "-tcpPort", String.valueOf(h2Port),
                "-ifNotExists").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Runtime.getRuntime().addShutdownHook(new Thread(h2Server::destroyForcibly));
        for (long deadline = System.nanoTime() + 30_000_000_000L; ; Thread.sleep(100)) {
            try (Socket probe = new Socket(InetAddress.getLoopbackAddress(), h2Port)) {
                return;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline || !h2Server.isAlive()) {
                    throw new IOException("the H2 server process did not start");
                }
            }
        }
    }

    /** A port nothing listens on now, on loopback. */
    public static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Database createPostgresDatabase(String name) {
        try {
            if (postgres == null) {
                postgres = EmbeddedPostgres.builder().start();
            }
            try (Connection connection = postgres.getPostgresDatabase().getConnection(); Statement statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE " + name);
            }
            return new Database(Db.POSTGRES, "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + name, "postgres", "postgres",
                    "org.postgresql.Driver", name);
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("cannot create the PostgreSQL database " + name, e);
        }
    }

    /** Drops a database no engine uses any more, so that neither memory nor disk carries over. */
    public synchronized void dispose(Database database) {
        try (Connection connection = database.db() == Db.H2
                ? DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password())
                : postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute(database.db() == Db.H2 ? "SHUTDOWN" : "DROP DATABASE IF EXISTS " + database.name() + " WITH (FORCE)");
        } catch (SQLException e) {
            System.out.println("    (could not drop " + database.name() + ": " + e.getMessage() + ")");
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (h2Server != null) {
            h2Server.destroy();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    public record Database(Db db, String jdbcUrl, String username, String password, String driver, String name) {
    }
}

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
 * A fresh, empty database per engine: H2 in memory, or a new database in one embedded PostgreSQL
 * (started on first use, on loopback, for the whole run).
 */
public final class Databases implements AutoCloseable {

    private final AtomicInteger count = new AtomicInteger();
    private EmbeddedPostgres postgres;
    private Process h2Server;
    private int h2Port;

    public synchronized Database fresh(Db db, String purpose) {
        String name = "bench_" + purpose + "_" + count.incrementAndGet();
        return switch (db) {
            case H2 -> new Database(db, "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1;QUERY_CACHE_SIZE=64", "sa", "", "org.h2.Driver", name);
            case POSTGRES -> createPostgresDatabase(name);
        };
    }

    /**
     * For measuring the heap: H2 in memory keeps its tables in this JVM's heap, so here H2 runs in a
     * server process of its own (H2's TCP server, loopback) with the same in-memory database, the way
     * PostgreSQL always runs in its own process: the heap then holds the engine and the connector only.
     */
    public synchronized Database freshOutsideTheHeap(Db db, String purpose) {
        if (db != Db.H2) {
            return fresh(db, purpose);
        }
        String name = "bench_" + purpose + "_" + count.incrementAndGet();
        int port = startH2Server();
        return new Database(db, "jdbc:h2:tcp://127.0.0.1:" + port + "/mem:" + name + ";DB_CLOSE_DELAY=-1", "sa", "",
                "org.h2.Driver", name);
    }

    private int startH2Server() {
        if (h2Server != null) {
            return h2Port;
        }
        try {
            String h2Jar = Path.of(org.h2.Driver.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                h2Port = socket.getLocalPort();
            }
            h2Server = new ProcessBuilder(java, "-Xmx512m", "-cp", h2Jar, "org.h2.tools.Server", "-tcp", "-tcpPort", String.valueOf(h2Port),
                    "-ifNotExists").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            Runtime.getRuntime().addShutdownHook(new Thread(h2Server::destroyForcibly));
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (true) {
                try {
                    new Socket(InetAddress.getLoopbackAddress(), h2Port).close();
                    return h2Port;
                } catch (IOException notYet) {
                    if (System.nanoTime() > deadline || !h2Server.isAlive()) {
                        throw new IllegalStateException("the H2 server process did not start");
                    }
                    Thread.sleep(100);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start an H2 server process: " + e, e);
        }
    }

    /** PostgreSQL's version and the settings that matter for write speed, for the report. */
    public synchronized String postgresDescription() {
        if (postgres == null) {
            return "not started";
        }
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            StringBuilder text = new StringBuilder();
            try (var rs = statement.executeQuery("show server_version")) {
                rs.next();
                text.append("PostgreSQL ").append(rs.getString(1));
            }
            for (String setting : new String[]{"fsync", "synchronous_commit", "shared_buffers", "max_connections"}) {
                try (var rs = statement.executeQuery("show " + setting)) {
                    rs.next();
                    text.append(", ").append(setting).append('=').append(rs.getString(1));
                }
            }
            return text.toString();
        } catch (SQLException e) {
            return "PostgreSQL (settings unreadable: " + e.getMessage() + ")";
        }
    }

    private Database createPostgresDatabase(String name) {
        try {
            if (postgres == null) {
                postgres = EmbeddedPostgres.builder().start();
            }
            try (Connection connection = postgres.getPostgresDatabase().getConnection();
                 Statement statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE " + name);
            }
            return new Database(Db.POSTGRES, "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + name,
                    "postgres", "postgres", "org.postgresql.Driver", name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Drops a database no engine uses any more, so that neither memory nor disk carries over. */
    public synchronized void dispose(Database database) {
        try {
            if (database.db() == Db.H2) {
                try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
                     Statement statement = connection.createStatement()) {
                    statement.execute("SHUTDOWN");
                }
            } else {
                try (Connection connection = postgres.getPostgresDatabase().getConnection();
                     Statement statement = connection.createStatement()) {
                    statement.execute("DROP DATABASE IF EXISTS " + database.name() + " WITH (FORCE)");
                }
            }
        } catch (SQLException e) {
            System.out.println("    (could not drop " + database.name() + ": " + e.getMessage() + ")");
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (h2Server != null) {
            h2Server.destroy();
            h2Server = null;
        }
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
    }

    public record Database(Db db, String jdbcUrl, String username, String password, String driver, String name) {
    }
}

package dev.twilioconnector.benchmarks;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The CPU time a PostgreSQL server has used so far: its postmaster, every backend it runs now and the
 * backends that have ended, read from Linux's {@code /proc}. A benchmark whose database runs in another
 * process on the same cores pays for it too, and the JVM's own CPU time does not show it.
 *
 * <p>A backend that has just ended counts again once the postmaster has reaped it, milliseconds later; the benchmark's
 * pool keeps its connections, so no backend ends during a measured round.
 */
final class ServerCpu {

    /** Linux's clock ticks per second for the times in {@code /proc/<pid>/stat}, 100 on every common kernel. */
    private static final long TICKS_PER_SECOND = 100;

    private final long postmaster;

    private ServerCpu(long postmaster) {
        this.postmaster = postmaster;
    }

    /** The server behind {@code database}, or {@code null} where it cannot be read (not PostgreSQL, not Linux). */
    static ServerCpu of(Databases.Database database) {
        if (database.db() != Options.Db.POSTGRES || !Files.isDirectory(Path.of("/proc/self"))) {
            return null;
        }
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
             Statement statement = connection.createStatement();
             ResultSet backend = statement.executeQuery("select pg_backend_pid()")) {
            backend.next();
            long parent = Long.parseLong(fields(backend.getLong(1))[1]);
            return new ServerCpu(parent);
        } catch (SQLException | IOException | RuntimeException e) {
            return null;
        }
    }

    /** Nanoseconds of CPU time, user and system, of the server and all its processes, living and ended. */
    long nanos() {
        try {
            String[] server = fields(postmaster);
            long ticks = Long.parseLong(server[11]) + Long.parseLong(server[12]) + Long.parseLong(server[13]) + Long.parseLong(server[14]);
            try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), entry -> entry.getFileName().toString().chars().allMatch(Character::isDigit))) {
                for (Path process : processes) {
                    String[] child = fieldsOrNull(Long.parseLong(process.getFileName().toString()));
                    if (child != null && Long.parseLong(child[1]) == postmaster) {
                        ticks += Long.parseLong(child[11]) + Long.parseLong(child[12]);
                    }
                }
            }
            return ticks * 1_000_000_000L / TICKS_PER_SECOND;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the database server's CPU time: " + e.getMessage(), e);
        }
    }

    /** The fields of {@code /proc/<pid>/stat} after the command name: [0] state, [1] parent, [11] utime, [12] stime, [13] cutime, [14] cstime. */
    private static String[] fields(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    }

    private static String[] fieldsOrNull(long pid) {
        try {
            return fields(pid);
        } catch (IOException | RuntimeException gone) {
            return null;
        }
    }
}

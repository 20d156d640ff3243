package dev.twilioconnector.sample.cluster;

import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;

import java.util.List;

/** Switches loggers off for a while (planned failures) and back to what they were configured with. */
final class QuietLoggers implements AutoCloseable {

    private final LoggingSystem logging = LoggingSystem.get(QuietLoggers.class.getClassLoader());
    private final List<String> names;
    private final List<LogLevel> before;

    private QuietLoggers(List<String> names) {
        this.names = names;
        this.before = names.stream().map(name -> {
            var configuration = logging.getLoggerConfiguration(name);
            return configuration == null ? null : configuration.getConfiguredLevel();
        }).toList();
        names.forEach(name -> logging.setLogLevel(name, LogLevel.OFF));
    }

    static QuietLoggers of(String... names) {
        return new QuietLoggers(List.of(names));
    }

    @Override
    public void close() {
        for (int i = 0; i < names.size(); i++) {
            logging.setLogLevel(names.get(i), before.get(i));
        }
    }
}

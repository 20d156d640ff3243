package dev.twilioconnector.flowable;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Keeps every log line of the test JVM (message and stack trace), declared in {@code logback-test.xml}
 * so that it survives Spring Boot re-initialising logging and also sees start-up.
 */
public final class CapturedLogs extends AppenderBase<ILoggingEvent> {

    private static final ConcurrentLinkedQueue<String> LINES = new ConcurrentLinkedQueue<>();

    public static List<String> lines() {
        return List.copyOf(LINES);
    }

    @Override
    protected void append(ILoggingEvent event) {
        LINES.add(event.getLoggerName() + " " + event.getFormattedMessage());
        if (event.getThrowableProxy() != null) {
            LINES.add(ThrowableProxyUtil.asString(event.getThrowableProxy()));
        }
    }
}

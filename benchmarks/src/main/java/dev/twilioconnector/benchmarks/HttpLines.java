package dev.twilioconnector.benchmarks;

import java.io.IOException;
import java.io.InputStream;

/** The line reading of the benchmarks' bare HTTP/1.1 peers (the fake Twilio and the webhook load client). */
public final class HttpLines {

    private HttpLines() {
    }

    /** One start or header line without its CRLF; {@code null} at the end of the stream. */
    public static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != -1; c = in.read()) {
            if (c == '\n') {
                int length = line.length();
                return length > 0 && line.charAt(length - 1) == '\r' ? line.substring(0, length - 1) : line.toString();
            }
            line.append((char) c);
        }
        return line.length() == 0 ? null : line.toString();
    }
}

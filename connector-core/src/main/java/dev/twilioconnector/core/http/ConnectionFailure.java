package dev.twilioconnector.core.http;

import org.apache.hc.client5.http.ConnectTimeoutException;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

/** Tells failures where no byte reached Twilio (safe to repeat) from those after which it may have acted. */
public final class ConnectionFailure {

    private ConnectionFailure() {
    }

    public static boolean neverReachedServer(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof ConnectTimeoutException
                    || cause instanceof UnknownHostException || cause instanceof NoRouteToHostException) {
                return true;
            }
        }
        return false;
    }

    public static boolean timedOutWaitingForAnswer(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SocketTimeoutException && !(cause instanceof ConnectTimeoutException)) {
                return true;
            }
        }
        return false;
    }
}

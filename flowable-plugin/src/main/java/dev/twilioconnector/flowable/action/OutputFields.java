package dev.twilioconnector.flowable.action;

/** The options every action has for its outputs, and their defaults. */
public final class OutputFields {

    public static final String FAIL_ON_ERROR = "failOnError";
    public static final String RESULT_VARIABLE = "resultVariable";
    public static final String ERROR_VARIABLE = "errorVariable";

    public static final String DEFAULT_RESULT_VARIABLE = "twilioResult";
    public static final String DEFAULT_ERROR_VARIABLE = "twilioError";
    /** The BPMN error code thrown when {@code failOnError} is true and something went wrong. */
    public static final String ERROR_CODE = "TWILIO_ERROR";

    private OutputFields() {
    }
}

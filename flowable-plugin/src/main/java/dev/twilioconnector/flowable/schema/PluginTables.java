package dev.twilioconnector.flowable.schema;

/**
 * The names the plugin's statements use for its tables: each base name after the engine's table prefix,
 * as Flowable's own statements use theirs ({@code databaseTablePrefix}, e.g. {@code FLW.} for tables in the
 * schema {@code FLW}).
 *
 * @param prefix the engine's table prefix, empty for none
 */
public record PluginTables(String prefix) {

    public static final String LOG = "TWILIO_SCHEMA_LOG";
    public static final String INBOUND_MESSAGE = "TWILIO_INBOUND_MESSAGE";
    public static final String SEND_LEDGER = "TWILIO_SEND_LEDGER";

    /** The tables in the connection's own schema, without prefix. */
    public static final PluginTables UNPREFIXED = new PluginTables("");

    public PluginTables {
        prefix = prefix == null ? "" : prefix;
    }

    public String log() {
        return prefix + LOG;
    }

    public String inboundMessage() {
        return prefix + INBOUND_MESSAGE;
    }

    public String sendLedger() {
        return prefix + SEND_LEDGER;
    }
}

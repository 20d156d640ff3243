package dev.twilioconnector.flowable.schema;

import java.util.List;

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
    public static final String CONVERSATION = "TWILIO_CONVERSATION";
    public static final String INSTANCE_LEASE = "TWILIO_INSTANCE_LEASE";
    public static final String KEPT_EVENT = "TWILIO_KEPT_EVENT";
    public static final String KEPT_EVENT_KEY = "TWILIO_KEPT_EVENT_KEY";
    public static final String MESSAGE_STATUS = "TWILIO_MESSAGE_STATUS";

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

    public String conversation() {
        return prefix + CONVERSATION;
    }

    public String instanceLease() {
        return prefix + INSTANCE_LEASE;
    }

    public String keptEvent() {
        return prefix + KEPT_EVENT;
    }

    public String keptEventKey() {
        return prefix + KEPT_EVENT_KEY;
    }

    public String messageStatus() {
        return prefix + MESSAGE_STATUS;
    }

    /** Every table, in the order they were added. */
    public List<String> all() {
        return List.of(log(), inboundMessage(), sendLedger(), conversation(), instanceLease(), keptEvent(), keptEventKey(), messageStatus());
    }
}

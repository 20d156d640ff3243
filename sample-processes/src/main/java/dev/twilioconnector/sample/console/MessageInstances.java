package dev.twilioconnector.sample.console;

import dev.twilioconnector.core.sms.MessageRecord;
import dev.twilioconnector.flowable.schema.PluginTables;
import org.flowable.engine.HistoryService;
import org.flowable.engine.history.HistoricProcessInstance;
import org.flowable.spring.SpringProcessEngineConfiguration;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which process instances each message belongs to.
 *
 * <p>A message a process sent: the instance the connector's conversation log names for it (the plugin's table
 * {@code TWILIO_CONVERSATION}, one row per message Twilio accepted). A message a person texted: the instances that
 * hold its SID in a variable, looked up in history so that one the message started and that ended at once is found
 * too. Every element that waits for {@code SMS_RECEIVED} keeps the SID of the message that started or last woke its
 * instance in {@code twilioMessageSid} (the plugin adds that out-parameter); a model may map it elsewhere as well.
 * The webhook's TwiML answer (a trigger's echo, or a process's {@code REPLY}) is a message of its own at Twilio, which
 * names neither the message it answers nor an instance: it shows none.
 */
@Component
public class MessageInstances {

    private final NamedParameterJdbcTemplate database;
    private final HistoryService history;
    private final String conversationTable;

    public MessageInstances(NamedParameterJdbcTemplate database, HistoryService history, SpringProcessEngineConfiguration engine) {
        this.database = database;
        this.history = history;
        this.conversationTable = new PluginTables(engine.getDatabaseTablePrefix()).conversation();
    }

    /** The instances of each of {@code messages}, by message SID; a message without any is not in the answer. */
    public Map<String, List<InstanceLink>> of(List<MessageRecord> messages) {
        Map<String, List<String>> instanceIds = new LinkedHashMap<>();
        Map<String, HistoricProcessInstance> instances = new HashMap<>();
        List<String> sent = new ArrayList<>();
        for (MessageRecord message : messages) {
            if (ConversationMessage.INBOUND.equals(message.direction())) {
                for (HistoricProcessInstance instance : history.createHistoricProcessInstanceQuery().variableValueEquals(message.sid()).list()) {
                    instances.put(instance.getId(), instance);
                    instanceIds.computeIfAbsent(message.sid(), sid -> new ArrayList<>()).add(instance.getId());
                }
            } else {
                sent.add(message.sid());
            }
        }
        if (!sent.isEmpty()) {
            database.query("SELECT MESSAGE_SID_, PROC_INST_ID_ FROM " + conversationTable + " WHERE MESSAGE_SID_ IN (:sids)",
                    Map.of("sids", sent), (RowCallbackHandler) row ->
                            instanceIds.computeIfAbsent(row.getString(1), sid -> new ArrayList<>()).add(row.getString(2)));
        }
        Set<String> notReadYet = new HashSet<>();
        instanceIds.values().forEach(notReadYet::addAll);
        notReadYet.removeAll(instances.keySet());
        if (!notReadYet.isEmpty()) {
            history.createHistoricProcessInstanceQuery().processInstanceIds(notReadYet).list()
                    .forEach(instance -> instances.put(instance.getId(), instance));
        }
        Map<String, List<InstanceLink>> links = new HashMap<>();
        instanceIds.forEach((sid, ids) -> links.put(sid, ids.stream().filter(instances::containsKey).map(id -> link(instances.get(id))).toList()));
        return links;
    }

    private static InstanceLink link(HistoricProcessInstance instance) {
        return new InstanceLink(instance.getId(), instance.getProcessDefinitionKey(), instance.getEndTime() == null);
    }
}

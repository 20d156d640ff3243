package dev.twilioconnector.flowable.outbound;

import dev.twilioconnector.emulator.Fault;
import dev.twilioconnector.flowable.EngineTestBase;
import dev.twilioconnector.flowable.SentMessage;
import org.flowable.engine.HistoryService;
import dev.twilioconnector.flowable.schema.PluginTables;
import org.flowable.engine.ManagementService;
import org.flowable.engine.ProcessEngineConfiguration;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.test.Deployment;
import org.flowable.engine.test.FlowableTest;
import org.flowable.job.api.Job;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.twilioconnector.emulator.RequestMatch.messageCreation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Executing a SEND_SMS task again (here: its job retried after a later step failed) messages nobody
 * twice, still reaches those refused before, and never repeats a send whose outcome was unclear.
 */
@FlowableTest
class SendLedgerTest extends EngineTestBase {

    private static final String RETRIED = "dev/twilioconnector/flowable/outbound/sendThenFailOnce.bpmn20.xml";

    @Test
    @Deployment(resources = RETRIED)
    void aRetriedTaskDoesNotMessageAcceptedRecipientsAgain(RuntimeService runtime, ManagementService management, HistoryService history) {
        String pid = runtime.startProcessInstanceByKey("sendThenFailOnce", Map.of("phones", "+15551230001,+15551230002,+15551230003")).getId();

        runJobUntilDone(management, pid);

        assertThat(sent()).extracting(SentMessage::to).containsExactlyInAnyOrder("+15551230001", "+15551230002", "+15551230003");
        Map<String, Object> variables = variables(history, pid);
        assertThat(variables).containsEntry("twilioError", null);
        assertThat(dev.twilioconnector.flowable.ProcessOutputs.json(variables.get("twilioResult"))).hasSize(3)
                .allSatisfy(entry -> assertThat(entry.get("sid").asString()).startsWith("SM"));
    }

    @Test
    @Deployment(resources = RETRIED)
    void aRecipientTwilioRefusedIsSentAgainByTheRetry(RuntimeService runtime, ManagementService management, HistoryService history) {
        twilio.failNext(1, Fault.twilioError(400, 21610, "Attempt to send to unsubscribed recipient"), messageCreation().to("+15551230002"));
        String pid = runtime.startProcessInstanceByKey("sendThenFailOnce", Map.of("phones", "+15551230001,+15551230002")).getId();

        runJobUntilDone(management, pid);

        assertThat(sent()).extracting(SentMessage::to).containsExactlyInAnyOrder("+15551230001", "+15551230002", "+15551230002");
        assertThat(variables(history, pid)).containsEntry("twilioError", null);
    }

    @Test
    @Deployment(resources = RETRIED)
    void aRecipientWhoseOutcomeWasUnclearIsNotSentAgain(RuntimeService runtime, ManagementService management, HistoryService history) {
        twilio.fail(Fault.serverError(), messageCreation().to("+15551230002"));
        String pid = runtime.startProcessInstanceByKey("sendThenFailOnce", Map.of("phones", "+15551230001,+15551230002")).getId();

        runJobUntilDone(management, pid);

        assertThat(sent()).extracting(SentMessage::to).containsExactlyInAnyOrder("+15551230001", "+15551230002");
        JsonNode error = dev.twilioconnector.flowable.ProcessOutputs.json(variables(history, pid).get("twilioError"));
        assertThat(error).hasSize(1);
        assertThat(error.get(0).get("to").asString()).isEqualTo("+15551230002");
        assertThat(error.get(0).get("message").asString()).startsWith("an earlier attempt of this task got no clear answer");
    }

    @Test
    @Deployment(resources = "dev/twilioconnector/flowable/outbound/sendInALoop.bpmn20.xml")
    void passingTheTaskAgainOnPurposeSendsAgain(RuntimeService runtime, HistoryService history) {
        String pid = runtime.startProcessInstanceByKey("sendInALoop", Map.of("phones", "+15551230001", "passes", 0)).getId();

        assertThat(variables(history, pid)).containsEntry("passes", 2L);
        assertThat(sent()).extracting(SentMessage::to).containsExactly("+15551230001", "+15551230001");
    }

    @Test
    @Deployment(resources = "dev/twilioconnector/flowable/outbound/sendInALoopAfterJob.bpmn20.xml")
    void passesInOneJobAreToldApartInTheLedger(RuntimeService runtime, ManagementService management, HistoryService history,
                                              ProcessEngineConfiguration configuration) throws SQLException {
        String pid = runtime.startProcessInstanceByKey("sendInALoopAfterJob", Map.of("phones", "+15551230088", "passes", 0)).getId();

        management.executeJob(management.createJobQuery().processInstanceId(pid).singleResult().getId());

        assertThat(variables(history, pid)).containsEntry("passes", 2L);
        assertThat(sent()).extracting(SentMessage::to).containsExactly("+15551230088", "+15551230088");
        assertThat(ledgerKeys(configuration, "+15551230088")).hasSize(2).allSatisfy(key -> assertThat(key).contains(":notify:"))
                .extracting(key -> key.substring(key.lastIndexOf(':') + 1)).containsExactlyInAnyOrder("0", "1");
    }

    @Test
    @Deployment(resources = "dev/twilioconnector/flowable/outbound/sendInALoop.bpmn20.xml")
    void aTaskInTheTransactionThatCreatedItsExecutionKeepsNoLedger(RuntimeService runtime, ProcessEngineConfiguration configuration)
            throws SQLException {
        runtime.startProcessInstanceByKey("sendInALoop", Map.of("phones", "+15551230077", "passes", 0));

        assertThat(sent()).extracting(SentMessage::to).containsExactly("+15551230077", "+15551230077");
        assertThat(ledgerKeys(configuration, "+15551230077")).as("a rollback would take the execution with it: nothing can repeat it")
                .isEmpty();
    }

    private static List<String> ledgerKeys(ProcessEngineConfiguration configuration, String recipient) throws SQLException {
        try (Connection connection = configuration.getDataSource().getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT TASK_KEY_ FROM " + PluginTables.SEND_LEDGER + " WHERE RECIPIENT_ = ?")) {
            query.setString(1, recipient);
            List<String> keys = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    keys.add(rows.getString(1));
                }
            }
            return keys;
        }
    }

    /** Runs the process's job; when it fails, makes its retry due at once and runs it again. */
    private static void runJobUntilDone(ManagementService management, String pid) {
        Job job = management.createJobQuery().processInstanceId(pid).singleResult();
        assertThatThrownBy(() -> management.executeJob(job.getId())).hasStackTraceContaining("a flaky step after the send fails once");
        Job retry = management.createTimerJobQuery().processInstanceId(pid).singleResult();
        assertThat(retry).as("the failed job waits for its retry").isNotNull();
        management.moveTimerToExecutableJob(retry.getId());
        management.executeJob(management.createJobQuery().processInstanceId(pid).singleResult().getId());
    }

    private static Map<String, Object> variables(HistoryService history, String pid) {
        return dev.twilioconnector.flowable.ProcessOutputs.ofEnded(history, pid);
    }
}

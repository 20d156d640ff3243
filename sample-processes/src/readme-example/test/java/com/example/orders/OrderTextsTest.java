package com.example.orders;

import dev.twilioconnector.emulator.Delivery;
import dev.twilioconnector.emulator.Fault;
import dev.twilioconnector.emulator.Message;
import dev.twilioconnector.emulator.Reply;
import dev.twilioconnector.emulator.RequestMatch;
import dev.twilioconnector.emulator.TwilioEmulator;
import dev.twilioconnector.emulator.TwilioEmulatorExtension;
import org.flowable.engine.HistoryService;
import org.flowable.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OrderTextsTest {

    @RegisterExtension
    static TwilioEmulatorExtension twilio = new TwilioEmulatorExtension();

    @Autowired
    RuntimeService runtime;
    @Autowired
    HistoryService history;
    @LocalServerPort
    int port;

    @Test
    void theCustomerIsTextedAndTheDeliveryReportEndsTheProcess(TwilioEmulator emulator) {
        String id = ship("+15551230001");

        assertThat(emulator.messages().sentTo("+15551230001")).singleElement()
                .extracting(Message::body).isEqualTo("Order 4711 ships today.");
        assertThat(outcomeOf(id)).isEqualTo("delivered");
    }

    @Test
    void aPhoneThatIsOffEndsUndelivered(TwilioEmulator emulator) {
        emulator.deliverTo("+15551230002", Delivery.undelivered(Delivery.UNREACHABLE));

        assertThat(outcomeOf(ship("+15551230002"))).isEqualTo("undelivered");
    }

    @Test
    void aNumberTwilioRefusesLeavesTwilioError(TwilioEmulator emulator) {
        emulator.fail(Fault.twilioError(400, 21610, "Attempt to send to unsubscribed recipient"),
                RequestMatch.messageCreation().to("+15551230003"));

        assertThat(outcomeOf(ship("+15551230003"))).isEqualTo("not sent");
        assertThat(emulator.messages().sent()).isEmpty();
    }

    @Test
    void aCustomerTextsAnOrderNumber(TwilioEmulator emulator) {
        emulator.incomingWebhook("http://localhost:" + port + "/twilio/sms");

        Reply reply = emulator.phone("+15551230004").text("Order Number 4711");

        assertThat(reply.text()).isEqualTo("Your reference number is 4711");
        assertThat(history.createHistoricProcessInstanceQuery().processDefinitionKey("orderStatus")
                .variableValueEquals("from", "+15551230004").count()).isEqualTo(1);
    }

    private String ship(String phone) {
        return runtime.startProcessInstanceByKey("orderShipped", Map.of("customerPhone", phone, "orderId", "4711",
                "statusCallback", "http://localhost:" + port + "/twilio/status")).getId();
    }

    private Object outcomeOf(String processInstanceId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> history.createHistoricProcessInstanceQuery()
                .processInstanceId(processInstanceId).finished().count() == 1);
        return history.createHistoricVariableInstanceQuery().processInstanceId(processInstanceId)
                .variableName("outcome").singleResult().getValue();
    }
}

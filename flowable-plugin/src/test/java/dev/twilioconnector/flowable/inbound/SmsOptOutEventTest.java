package dev.twilioconnector.flowable.inbound;

import org.flowable.common.engine.impl.AbstractEngineConfiguration;
import org.flowable.engine.ProcessEngineConfiguration;
import org.flowable.engine.test.FlowableTest;
import org.flowable.eventregistry.api.EventDefinition;
import org.flowable.eventregistry.api.EventRepositoryService;
import org.flowable.eventregistry.model.EventModel;
import org.flowable.eventregistry.model.EventPayload;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** SMS_OPT_OUT is deployed with the plugin's other events, so a model can start or wait on it without deploying anything. */
@FlowableTest
class SmsOptOutEventTest {

    @Test
    void theEventIsDeployedWithItsCorrelationParametersAndItsInboundChannel(ProcessEngineConfiguration configuration) {
        EventRepositoryService repository = SmsEventDefinitions.eventRegistry((AbstractEngineConfiguration) configuration)
                .getEventRepositoryService();

        EventModel event = repository.getEventModelByKey(SmsOptOutEvent.EVENT_KEY);
        assertThat(event.getCorrelationParameters()).extracting(EventPayload::getName)
                .containsExactlyInAnyOrder(SmsOptOutEvent.FROM, SmsOptOutEvent.OPT_OUT_TYPE);
        assertThat(event.getPayload()).extracting(EventPayload::getName, EventPayload::getType).containsExactlyInAnyOrder(
                tuple(SmsOptOutEvent.FROM, "string"),
                tuple(SmsOptOutEvent.TO, "string"),
                tuple(SmsOptOutEvent.OPT_OUT_TYPE, "string"),
                tuple(SmsOptOutEvent.MESSAGE_SID, "string"));

        EventDefinition definition = repository.createEventDefinitionQuery().eventDefinitionKey(SmsOptOutEvent.EVENT_KEY).singleResult();
        assertThat(repository.createDeploymentQuery().deploymentId(definition.getDeploymentId()).singleResult().getName())
                .isEqualTo(SmsEventDefinitions.DEPLOYMENT_NAME);
        assertThat(repository.createChannelDefinitionQuery().channelDefinitionKey(SmsOptOutEvent.CHANNEL_KEY).onlyInbound()
                .deploymentId(definition.getDeploymentId()).count()).isOne();
    }
}

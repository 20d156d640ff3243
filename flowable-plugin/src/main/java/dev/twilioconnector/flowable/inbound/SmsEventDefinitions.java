package dev.twilioconnector.flowable.inbound;

import org.flowable.common.engine.api.FlowableException;
import org.flowable.common.engine.impl.AbstractEngineConfiguration;
import org.flowable.common.engine.impl.interceptor.EngineConfigurationConstants;
import org.flowable.eventregistry.api.EventRepositoryService;
import org.flowable.eventregistry.impl.EventRegistryEngineConfiguration;
import org.flowable.eventregistry.model.InboundChannelModel;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Deploys the {@code SMS_RECEIVED} event definition and its inbound channel into the engine's event
 * registry. Deploying the same definitions again (every start, every node) is filtered out as a
 * duplicate, so the registry keeps one version until the definitions change.
 */
public final class SmsEventDefinitions {

    public static final String DEPLOYMENT_NAME = "twilio-connector-sms-events";
    private static final String EVENT = "sms-received.event";
    private static final String CHANNEL = "sms-received.channel";

    private SmsEventDefinitions() {
    }

    public static void deploy(AbstractEngineConfiguration processEngine) {
        repository(processEngine).createDeployment()
                .name(DEPLOYMENT_NAME)
                .addString(EVENT, read(EVENT))
                .addString(CHANNEL, read(CHANNEL))
                .enableDuplicateFiltering()
                .deploy();
    }

    /** The channel {@code SMS_RECEIVED} events are handed to the registry on. */
    public static InboundChannelModel channel(AbstractEngineConfiguration processEngine) {
        Object model = repository(processEngine).getChannelModelByKey(SmsReceivedEvent.CHANNEL_KEY);
        if (!(model instanceof InboundChannelModel inbound)) {
            throw new FlowableException("The inbound channel " + SmsReceivedEvent.CHANNEL_KEY + " is not deployed");
        }
        return inbound;
    }

    private static EventRepositoryService repository(AbstractEngineConfiguration processEngine) {
        Object eventRegistry = processEngine.getEngineConfigurations().get(EngineConfigurationConstants.KEY_EVENT_REGISTRY_CONFIG);
        if (!(eventRegistry instanceof EventRegistryEngineConfiguration configuration)) {
            throw new FlowableException("The process engine runs without an event registry; SMS_RECEIVED needs one");
        }
        return configuration.getEventRepositoryService();
    }

    private static String read(String resource) {
        try (InputStream in = SmsEventDefinitions.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

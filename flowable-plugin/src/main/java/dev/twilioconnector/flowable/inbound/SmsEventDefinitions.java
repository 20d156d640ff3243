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
 * Deploys the {@code SMS_RECEIVED}, {@code SMS_STATUS} and {@code SMS_OPT_OUT} event definitions and their inbound
 * channels into the engine's event registry. Deploying the same definitions again (every start, every node) is filtered out as a
 * duplicate, so the registry keeps one version until the definitions change.
 */
public final class SmsEventDefinitions {

    public static final String DEPLOYMENT_NAME = "twilio-connector-sms-events";
    private static final String EVENT = "sms-received.event";
    private static final String CHANNEL = "sms-received.channel";
    private static final String STATUS_EVENT = "sms-status.event";
    private static final String STATUS_CHANNEL = "sms-status.channel";
    private static final String OPT_OUT_EVENT = "sms-opt-out.event";
    private static final String OPT_OUT_CHANNEL = "sms-opt-out.channel";

    private SmsEventDefinitions() {
    }

    public static void deploy(AbstractEngineConfiguration processEngine) {
        repository(processEngine).createDeployment()
                .name(DEPLOYMENT_NAME)
                .addString(EVENT, read(EVENT))
                .addString(CHANNEL, read(CHANNEL))
                .addString(STATUS_EVENT, read(STATUS_EVENT))
                .addString(STATUS_CHANNEL, read(STATUS_CHANNEL))
                .addString(OPT_OUT_EVENT, read(OPT_OUT_EVENT))
                .addString(OPT_OUT_CHANNEL, read(OPT_OUT_CHANNEL))
                .enableDuplicateFiltering()
                .deploy();
    }

    /** The channel {@code SMS_RECEIVED} events are handed to the registry on. */
    public static InboundChannelModel channel(AbstractEngineConfiguration processEngine) {
        return channel(processEngine, SmsReceivedEvent.CHANNEL_KEY);
    }

    /** The channel {@code SMS_STATUS} events are handed to the registry on. */
    public static InboundChannelModel statusChannel(AbstractEngineConfiguration processEngine) {
        return channel(processEngine, SmsStatusEvent.CHANNEL_KEY);
    }

    private static InboundChannelModel channel(AbstractEngineConfiguration processEngine, String key) {
        Object model = repository(processEngine).getChannelModelByKey(key);
        if (!(model instanceof InboundChannelModel inbound)) {
            throw new FlowableException("The inbound channel " + key + " is not deployed");
        }
        return inbound;
    }

    /** The event registry the process engine runs with. */
    public static EventRegistryEngineConfiguration eventRegistry(AbstractEngineConfiguration processEngine) {
        Object eventRegistry = processEngine.getEngineConfigurations().get(EngineConfigurationConstants.KEY_EVENT_REGISTRY_CONFIG);
        if (!(eventRegistry instanceof EventRegistryEngineConfiguration configuration)) {
            throw new FlowableException("The process engine runs without an event registry; SMS_RECEIVED, SMS_STATUS and SMS_OPT_OUT need one");
        }
        return configuration;
    }

    private static EventRepositoryService repository(AbstractEngineConfiguration processEngine) {
        return eventRegistry(processEngine).getEventRepositoryService();
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

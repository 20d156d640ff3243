package dev.twilioconnector.inbound.reception;

import org.flowable.common.engine.impl.interceptor.EngineConfigurationConstants;
import org.flowable.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.flowable.eventregistry.impl.EventRegistryEngineConfiguration;
import org.flowable.eventregistry.model.InboundChannelModel;

import java.util.function.Function;

/**
 * One of the plugin's inbound channels, as the webhooks hand events to it: JSON text to Flowable's
 * event registry, in the calling thread. The channel is looked up on first use, since finding it asks
 * the database for its latest version every time.
 */
final class RegistryChannel {

    private final ProcessEngineConfigurationImpl engine;
    private final Function<ProcessEngineConfigurationImpl, InboundChannelModel> lookup;
    private volatile InboundChannelModel channel;

    RegistryChannel(ProcessEngineConfigurationImpl engine, Function<ProcessEngineConfigurationImpl, InboundChannelModel> lookup) {
        this.engine = engine;
        this.lookup = lookup;
    }

    void send(String json) {
        EventRegistryEngineConfiguration registry = (EventRegistryEngineConfiguration)
                engine.getEngineConfigurations().get(EngineConfigurationConstants.KEY_EVENT_REGISTRY_CONFIG);
        registry.getEventRegistry().eventReceived(channel(), json);
    }

    private InboundChannelModel channel() {
        InboundChannelModel known = channel;
        if (known == null) {
            known = lookup.apply(engine);
            channel = known;
        }
        return known;
    }
}

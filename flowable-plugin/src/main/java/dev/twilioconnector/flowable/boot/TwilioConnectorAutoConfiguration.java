package dev.twilioconnector.flowable.boot;

import dev.twilioconnector.core.SendMetrics;
import dev.twilioconnector.core.TwilioConnector;
import dev.twilioconnector.core.settings.RetryPolicy;
import dev.twilioconnector.core.settings.TwilioSettings;
import dev.twilioconnector.flowable.TwilioConnectorConfigurator;
import dev.twilioconnector.flowable.conversation.KeptEventMetrics;
import org.flowable.spring.SpringProcessEngineConfiguration;
import org.flowable.spring.boot.EngineConfigurationConfigurer;
import org.flowable.spring.boot.ProcessEngineAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Adding the dependency to a Flowable Spring Boot application is enough: this builds the
 * {@link TwilioConnector} from {@link TwilioProperties} and plugs the {@code twilioConnector.*}
 * actions into the process engine. Every bean backs off to one the application defines itself.
 */
@AutoConfiguration(before = ProcessEngineAutoConfiguration.class)
@ConditionalOnClass({SpringProcessEngineConfiguration.class, EngineConfigurationConfigurer.class})
@EnableConfigurationProperties(TwilioProperties.class)
public final class TwilioConnectorAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    TwilioSettings twilioSettings(TwilioProperties properties) {
        // A property bound blank is null here; the builder then keeps its default.
        TwilioSettings.Builder settings = TwilioSettings.builder();
        PropertyMapper map = PropertyMapper.get();
        map.from(properties::account).to(settings::accountSid);
        map.from(properties::token).to(settings::authToken);
        map.from(properties::apiKey).to(settings::apiKey);
        map.from(properties::apiSecret).to(settings::apiSecret);
        map.from(properties::apiBaseUrl).to(settings::apiBaseUrl);
        map.from(properties::defaultFrom).to(settings::defaultFrom);
        map.from(properties::messagingServiceSid).to(settings::messagingServiceSid);
        map.from(properties.http()::connectTimeout).to(settings::connectTimeout);
        map.from(properties.http()::readTimeout).to(settings::readTimeout);
        TwilioProperties.Send send = properties.send();
        map.from(send::parallelism).to(settings::parallelism);
        map.from(send).as(sending -> new RetryPolicy(sending.maxAttempts(), sending.initialBackoff(), sending.maxBackoff()))
                .to(settings::retry);
        TwilioProperties.Webhook webhook = properties.webhook();
        map.from(webhook::publicUrl).when(publicUrl -> webhook.statusCallback())
                .as(publicUrl -> TwilioSettings.statusCallbackOf(publicUrl.toString(), webhook.statusPath()))
                .to(settings::statusCallbackUrl);
        map.from(properties.templates()::renderTimeout).to(settings::renderTimeout);
        return settings.build();
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    TwilioConnector twilioConnector(TwilioSettings settings, ObjectProvider<SendMetrics> metrics) {
        return TwilioConnector.create(settings, metrics.getIfAvailable(() -> SendMetrics.NONE));
    }

    @Bean
    @ConditionalOnMissingBean
    TwilioConnectorConfigurator twilioConnectorConfigurator(TwilioConnector connector, TwilioProperties twilio,
                                                            ObjectProvider<KeptEventMetrics> keptEventMetrics) {
        return new TwilioConnectorConfigurator(connector)
                .keepEvents(twilio.events().keepStatus(), twilio.events().keepReply())
                .keptEventMetrics(keptEventMetrics.getIfAvailable(() -> KeptEventMetrics.NONE));
    }

    /** Counts outbound traffic in the application's Micrometer registry, when it has one. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterRegistry.class)
    static class Metrics {

        @Bean
        @ConditionalOnMissingBean
        SendMetrics twilioSendMetrics(ObjectProvider<MeterRegistry> registry) {
            MeterRegistry meters = registry.getIfAvailable();
            return meters == null ? SendMetrics.NONE : new MicrometerSendMetrics(meters);
        }

        @Bean
        @ConditionalOnMissingBean
        KeptEventMetrics twilioKeptEventMetrics(ObjectProvider<MeterRegistry> registry) {
            MeterRegistry meters = registry.getIfAvailable();
            return meters == null ? KeptEventMetrics.NONE : new MicrometerKeptEventMetrics(meters);
        }
    }

    @Bean
    @ConditionalOnMissingBean(name = "twilioConnectorEngineConfigurer")
    EngineConfigurationConfigurer<SpringProcessEngineConfiguration> twilioConnectorEngineConfigurer(
            TwilioConnectorConfigurator configurator) {
        return engine -> engine.addConfigurator(configurator);
    }
}

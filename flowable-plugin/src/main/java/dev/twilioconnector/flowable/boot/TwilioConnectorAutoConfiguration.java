package dev.twilioconnector.flowable.boot;

import dev.twilioconnector.core.SendMetrics;
import dev.twilioconnector.core.TwilioConnector;
import dev.twilioconnector.core.settings.TwilioSettings;
import dev.twilioconnector.flowable.TwilioConnectorConfigurator;
import org.flowable.spring.SpringProcessEngineConfiguration;
import org.flowable.spring.boot.EngineConfigurationConfigurer;
import org.flowable.spring.boot.ProcessEngineAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
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
        return properties.toSettings();
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    TwilioConnector twilioConnector(TwilioSettings settings, ObjectProvider<SendMetrics> metrics) {
        return TwilioConnector.create(settings, metrics.getIfAvailable(() -> SendMetrics.NONE));
    }

    @Bean
    @ConditionalOnMissingBean
    TwilioConnectorConfigurator twilioConnectorConfigurator(TwilioConnector connector) {
        return new TwilioConnectorConfigurator(connector);
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
    }

    @Bean
    @ConditionalOnMissingBean(name = "twilioConnectorEngineConfigurer")
    EngineConfigurationConfigurer<SpringProcessEngineConfiguration> twilioConnectorEngineConfigurer(
            TwilioConnectorConfigurator configurator) {
        return engine -> engine.addConfigurator(configurator);
    }
}

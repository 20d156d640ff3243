package dev.twilioconnector.flowable.boot;

import dev.twilioconnector.core.TwilioConnector;
import dev.twilioconnector.core.settings.TwilioSettings;
import dev.twilioconnector.flowable.TwilioConnectorConfigurator;
import org.flowable.spring.SpringProcessEngineConfiguration;
import org.flowable.spring.boot.EngineConfigurationConfigurer;
import org.flowable.spring.boot.ProcessEngineAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

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
    TwilioConnector twilioConnector(TwilioSettings settings) {
        return TwilioConnector.create(settings);
    }

    @Bean
    @ConditionalOnMissingBean
    TwilioConnectorConfigurator twilioConnectorConfigurator(TwilioConnector connector) {
        return new TwilioConnectorConfigurator(connector);
    }

    @Bean
    @ConditionalOnMissingBean(name = "twilioConnectorEngineConfigurer")
    EngineConfigurationConfigurer<SpringProcessEngineConfiguration> twilioConnectorEngineConfigurer(
            TwilioConnectorConfigurator configurator) {
        return engine -> engine.addConfigurator(configurator);
    }
}

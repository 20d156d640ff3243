package dev.twilioconnector.sample.console;

import org.flowable.spring.SpringProcessEngineConfiguration;
import org.flowable.spring.boot.EngineConfigurationConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The sample processes carry diagram interchange so that the console can draw them in the browser (bpmn-js).
 * Flowable would also render each of them to a PNG at every deployment, through AWT, for nobody to look at.
 */
@Configuration(proxyBeanMethods = false)
public class NoDiagramImages {

    @Bean
    EngineConfigurationConfigurer<SpringProcessEngineConfiguration> noDiagramImagesOnDeploy() {
        return engine -> engine.setCreateDiagramOnDeploy(false);
    }
}

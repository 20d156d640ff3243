package dev.twilioconnector.benchmarks;

import dev.twilioconnector.benchmarks.Databases.Database;
import dev.twilioconnector.core.settings.TwilioSettings;
import dev.twilioconnector.flowable.TwilioConnectorConfigurator;
import org.flowable.engine.ProcessEngine;
import org.flowable.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.flowable.engine.repository.DeploymentBuilder;

/** A plain process engine (no Spring) with the connector plugged in, the async executor off. */
public final class Engines {

    private Engines() {
    }

    public static Engine start(Database database, TwilioSettings settings, String... resources) {
        TwilioConnectorConfigurator configurator = new TwilioConnectorConfigurator(settings);
        StandaloneProcessEngineConfiguration configuration = new StandaloneProcessEngineConfiguration();
        configuration.setJdbcUrl(database.jdbcUrl());
        configuration.setJdbcDriver(database.driver());
        configuration.setJdbcUsername(database.username());
        configuration.setJdbcPassword(database.password());
        configuration.setDatabaseSchemaUpdate("true");
        configuration.setAsyncExecutorActivate(false);
        configuration.setEngineName("bench-" + database.name());
        configuration.addConfigurator(configurator);
        ProcessEngine engine = configuration.buildProcessEngine();
        DeploymentBuilder deployment = engine.getRepositoryService().createDeployment().name("benchmarks");
        for (String resource : resources) {
            deployment.addClasspathResource(resource);
        }
        deployment.deploy();
        return new Engine(engine, configurator, database);
    }

    public record Engine(ProcessEngine engine, TwilioConnectorConfigurator configurator, Database database) implements AutoCloseable {
        @Override
        public void close() {
            engine.close();
        }
    }
}

package dev.twilioconnector.benchmarks;

import dev.twilioconnector.benchmarks.Databases.Database;
import dev.twilioconnector.core.settings.TwilioSettings;
import dev.twilioconnector.flowable.TwilioConnectorConfigurator;
import org.flowable.engine.ProcessEngine;
import org.flowable.engine.impl.cfg.StandaloneProcessEngineConfiguration;

import java.util.HashMap;
import java.util.Map;

/** A plain process engine (no Spring) with the connector plugged in, the async executor off. */
public final class Engines {

    private Engines() {
    }

    /** @param beans what the processes' expressions may name */
    public static Engine start(Database database, TwilioSettings settings, String processResource, Map<Object, Object> beans) {
        TwilioConnectorConfigurator configurator = new TwilioConnectorConfigurator(settings);
        StandaloneProcessEngineConfiguration configuration = new StandaloneProcessEngineConfiguration();
        configuration.setJdbcUrl(database.jdbcUrl());
        configuration.setJdbcDriver(database.driver());
        configuration.setJdbcUsername(database.username());
        configuration.setJdbcPassword(database.password());
        configuration.setDatabaseSchemaUpdate("true");
        configuration.setAsyncExecutorActivate(false);
        configuration.setEngineName("bench-" + database.name());
        configuration.setBeans(new HashMap<>(beans));
        configuration.addConfigurator(configurator);
        ProcessEngine engine = configuration.buildProcessEngine();
        engine.getRepositoryService().createDeployment().name("benchmarks").addClasspathResource(processResource).deploy();
        return new Engine(engine, configurator);
    }

    public record Engine(ProcessEngine engine, TwilioConnectorConfigurator configurator) implements AutoCloseable {
        @Override
        public void close() {
            engine.close();
        }
    }
}

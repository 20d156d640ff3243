package dev.twilioconnector.flowable;

import dev.twilioconnector.core.TwilioConnector;
import dev.twilioconnector.core.settings.TwilioSettings;
import dev.twilioconnector.flowable.bpmn.TwilioActions;
import dev.twilioconnector.flowable.delegate.ActionDelegates;
import dev.twilioconnector.flowable.inbound.SmsEventDefinitions;
import dev.twilioconnector.flowable.outbound.DataSources;
import dev.twilioconnector.flowable.outbound.SendLedger;
import dev.twilioconnector.flowable.schema.PluginSchema;
import dev.twilioconnector.flowable.schema.PluginTables;
import org.flowable.common.engine.api.Engine;
import org.flowable.common.engine.api.engine.EngineLifecycleListener;
import org.flowable.common.engine.impl.AbstractEngineConfiguration;
import org.flowable.engine.cfg.AbstractProcessEngineConfigurator;
import org.flowable.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.time.Clock;

/**
 * Plugs the connector into a process engine, in three separate pieces: the {@code twilioConnector.*}
 * actions ({@link TwilioActions}), and once the engine is built the plugin's tables ({@link PluginSchema},
 * following the engine's {@code databaseSchemaUpdate} and table prefix) and the {@code SMS_RECEIVED} /
 * {@code SMS_STATUS} event definitions ({@link SmsEventDefinitions}).
 *
 * <p>Without Spring, add it to the engine's {@code configurators}; built from settings it closes its connector
 * with the engine. With a connector handed in (as the Spring Boot auto-configuration does), the owner of that
 * connector closes it. It is not discovered through {@code ServiceLoader}: an engine would then run a second,
 * differently configured one beside the one the application added.
 */
public class TwilioConnectorConfigurator extends AbstractProcessEngineConfigurator {

    private static final Logger LOG = LoggerFactory.getLogger(TwilioConnectorConfigurator.class);

    private final TwilioSettings settings;
    private volatile TwilioConnector connector;
    private volatile SendLedger sendLedger;
    private final boolean ownsConnector;

    /** Reads the settings from system properties and environment variables ({@link TwilioSettings#fromSystem()}). */
    public TwilioConnectorConfigurator() {
        this(TwilioSettings.fromSystem());
    }

    public TwilioConnectorConfigurator(TwilioSettings settings) {
        this.settings = settings;
        this.ownsConnector = true;
    }

    /** Uses a connector someone else built and will close. */
    public TwilioConnectorConfigurator(TwilioConnector connector) {
        this.settings = connector.settings();
        this.connector = connector;
        this.ownsConnector = false;
    }

    @Override
    public void beforeInit(AbstractEngineConfiguration engineConfiguration) {
        if (!(engineConfiguration instanceof ProcessEngineConfigurationImpl configuration)) {
            return;
        }
        TwilioActions.install(configuration, new ActionDelegates(this::connector, this::sendLedger));
        configuration.addEngineLifecycleListener(new InstallsTablesAndEvents(configuration, this));
        if (ownsConnector) {
            configuration.addEngineLifecycleListener(new ClosesConnector());
        }
        settings.credentialsProblem().ifPresentOrElse(
                problem -> LOG.warn("Twilio connector active without credentials: {}; SEND_SMS tasks will report this in twilioError", problem),
                () -> LOG.info("Twilio connector active for account {} at {}", settings.accountSid(), settings.apiBaseUrl()));
    }

    /** The connector the actions send through, built on first use. */
    public TwilioConnector connector() {
        TwilioConnector current = connector;
        if (current == null) {
            synchronized (this) {
                if (connector == null) {
                    connector = TwilioConnector.create(settings);
                }
                current = connector;
            }
        }
        return current;
    }

    /** The send ledger on the engine's database, once the engine is built. */
    public SendLedger sendLedger() {
        SendLedger ledger = sendLedger;
        if (ledger == null) {
            throw new IllegalStateException("The send ledger is available once the process engine is built");
        }
        return ledger;
    }

    @Override
    public int getPriority() {
        return DEFAULT_CONFIGURATOR_PRIORITY;
    }

    /** Once the engine (and its event registry) is built: the plugin's tables and the SMS_RECEIVED definitions. */
    private static final class InstallsTablesAndEvents implements EngineLifecycleListener {
        private final ProcessEngineConfigurationImpl configuration;
        private final TwilioConnectorConfigurator configurator;
        private volatile PluginSchema schema;

        InstallsTablesAndEvents(ProcessEngineConfigurationImpl configuration, TwilioConnectorConfigurator configurator) {
            this.configuration = configuration;
            this.configurator = configurator;
        }

        @Override
        public void onEngineBuilt(Engine engine) {
            DataSource ownConnections = DataSources.outsideTransactions(configuration.getDataSource());
            PluginTables tables = new PluginTables(configuration.getDatabaseTablePrefix());
            schema = new PluginSchema(ownConnections, tables);
            schema.onEngineBuilt(configuration.getDatabaseSchemaUpdate());
            configurator.sendLedger = new SendLedger(ownConnections, tables, Clock.systemUTC());
            SmsEventDefinitions.deploy(configuration);
        }

        @Override
        public void onEngineClosed(Engine engine) {
            if (schema != null) {
                schema.onEngineClosed(configuration.getDatabaseSchemaUpdate());
            }
        }
    }

    private final class ClosesConnector implements EngineLifecycleListener {
        @Override
        public void onEngineBuilt(Engine engine) {
        }

        @Override
        public void onEngineClosed(Engine engine) {
            TwilioConnector built;
            synchronized (TwilioConnectorConfigurator.this) {
                built = connector;
                connector = null;
            }
            if (built != null) {
                built.close();
            }
        }
    }
}

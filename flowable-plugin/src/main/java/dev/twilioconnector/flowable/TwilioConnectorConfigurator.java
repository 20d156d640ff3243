package dev.twilioconnector.flowable;

import dev.twilioconnector.core.TwilioConnector;
import dev.twilioconnector.core.settings.TwilioSettings;
import dev.twilioconnector.flowable.bpmn.TwilioServiceTaskParseHandler;
import dev.twilioconnector.flowable.bpmn.TwilioServiceTaskValidator;
import dev.twilioconnector.flowable.bpmn.TwilioServiceTaskXmlConverter;
import dev.twilioconnector.flowable.delegate.ActionDelegates;
import dev.twilioconnector.flowable.expression.MessageSidFunction;
import dev.twilioconnector.flowable.inbound.SmsEventDefinitions;
import dev.twilioconnector.flowable.outbound.DataSources;
import dev.twilioconnector.flowable.outbound.SendLedger;
import dev.twilioconnector.flowable.schema.PluginSchema;
import org.flowable.common.engine.api.Engine;
import org.flowable.common.engine.api.delegate.FlowableFunctionDelegate;
import org.flowable.common.engine.api.engine.EngineLifecycleListener;
import org.flowable.common.engine.impl.AbstractEngineConfiguration;
import org.flowable.common.engine.impl.EngineConfigurator;
import org.flowable.engine.cfg.AbstractProcessEngineConfigurator;
import org.flowable.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.flowable.engine.parse.BpmnParseHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Plugs the {@code twilioConnector.*} actions into a process engine: keeps the BPMN
 * {@code implementation} attribute, validates it at deployment and binds each task to its delegate.
 * Once the engine is built it creates or updates the plugin's tables and deploys the
 * {@code SMS_RECEIVED} event with its inbound channel.
 *
 * <p>Without Spring, add it to {@code configurators} or let the engine find it through
 * {@code ServiceLoader}; it then reads {@link TwilioSettings#fromSystem()} and closes its connector with
 * the engine. With a connector handed in (as the Spring Boot auto-configuration does), the owner of
 * that connector closes it. An explicitly added configurator wins over a discovered one.
 */
public class TwilioConnectorConfigurator extends AbstractProcessEngineConfigurator {

    private static final Logger LOG = LoggerFactory.getLogger(TwilioConnectorConfigurator.class);

    private final TwilioSettings settings;
    private volatile TwilioConnector connector;
    private volatile SendLedger sendLedger;
    private final boolean ownsConnector;

    /** Reads the settings from system properties and environment variables (used by {@code ServiceLoader}). */
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
        // ServiceLoader hands every configurator to every engine (event registry, IDM, …): only process engines run our tasks.
        if (!(engineConfiguration instanceof ProcessEngineConfigurationImpl configuration)) {
            return;
        }
        if (isShadowedByExplicitConfigurator(configuration)) {
            LOG.debug("A Twilio connector configurator was added explicitly; the discovered one stays inactive");
            return;
        }
        TwilioServiceTaskXmlConverter.register();
        List<BpmnParseHandler> handlers = new ArrayList<>();
        if (configuration.getCustomDefaultBpmnParseHandlers() != null) {
            handlers.addAll(configuration.getCustomDefaultBpmnParseHandlers());
        }
        handlers.add(new TwilioServiceTaskParseHandler(new ActionDelegates(this::connector, this::sendLedger)));
        configuration.setCustomDefaultBpmnParseHandlers(handlers);
        if (configuration.getCustomServiceTaskValidator() != null
                && !(configuration.getCustomServiceTaskValidator() instanceof TwilioServiceTaskValidator)) {
            LOG.warn("Replacing the custom service task validator {} with the Twilio connector's",
                    configuration.getCustomServiceTaskValidator().getClass().getName());
        }
        configuration.setCustomServiceTaskValidator(new TwilioServiceTaskValidator());
        List<FlowableFunctionDelegate> functions = new ArrayList<>();
        if (configuration.getCustomFlowableFunctionDelegates() != null) {
            functions.addAll(configuration.getCustomFlowableFunctionDelegates());
        }
        functions.add(new MessageSidFunction());
        configuration.setCustomFlowableFunctionDelegates(functions);
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

    private boolean isShadowedByExplicitConfigurator(ProcessEngineConfigurationImpl configuration) {
        List<EngineConfigurator> explicit = configuration.getConfigurators();
        return explicit != null && !explicit.contains(this)
                && explicit.stream().anyMatch(TwilioConnectorConfigurator.class::isInstance);
    }

    /** Once the engine (and its event registry) is built: the plugin's tables and the SMS_RECEIVED definitions. */
    private static final class InstallsTablesAndEvents implements EngineLifecycleListener {
        private final ProcessEngineConfigurationImpl configuration;
        private final TwilioConnectorConfigurator configurator;

        InstallsTablesAndEvents(ProcessEngineConfigurationImpl configuration, TwilioConnectorConfigurator configurator) {
            this.configuration = configuration;
            this.configurator = configurator;
        }

        @Override
        public void onEngineBuilt(Engine engine) {
            DataSource ownConnections = DataSources.outsideTransactions(configuration.getDataSource());
            new PluginSchema(ownConnections).migrate();
            configurator.sendLedger = new SendLedger(ownConnections, Clock.systemUTC());
            SmsEventDefinitions.deploy(configuration);
        }

        @Override
        public void onEngineClosed(Engine engine) {
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

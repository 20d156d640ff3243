package dev.twilioconnector.flowable;

import dev.twilioconnector.core.TwilioConnector;
import dev.twilioconnector.core.settings.TwilioSettings;
import dev.twilioconnector.flowable.bpmn.TwilioActions;
import dev.twilioconnector.core.settings.Setting;
import dev.twilioconnector.flowable.conversation.AnsweredMessageParameters;
import dev.twilioconnector.flowable.conversation.ConversationLog;
import dev.twilioconnector.flowable.conversation.EventKeeper;
import dev.twilioconnector.flowable.conversation.KeptEventMetrics;
import dev.twilioconnector.flowable.conversation.KeptEvents;
import dev.twilioconnector.flowable.conversation.NewWaitListener;
import dev.twilioconnector.flowable.conversation.InstanceLeases;
import dev.twilioconnector.flowable.conversation.ReplyRouter;
import dev.twilioconnector.flowable.conversation.RoutingEventConsumer;
import dev.twilioconnector.flowable.delegate.ActionDelegates;
import dev.twilioconnector.flowable.inbound.EventHandOver;
import dev.twilioconnector.flowable.inbound.SmsEventDefinitions;
import dev.twilioconnector.flowable.inbound.SmsReceivedEvent;
import dev.twilioconnector.flowable.inbound.SmsStatusEvent;
import dev.twilioconnector.flowable.outbound.DataSources;
import dev.twilioconnector.flowable.outbound.SendLedger;
import dev.twilioconnector.flowable.schema.PluginSchema;
import dev.twilioconnector.flowable.schema.PluginTables;
import org.flowable.common.engine.api.Engine;
import org.flowable.common.engine.api.engine.EngineLifecycleListener;
import org.flowable.common.engine.impl.AbstractEngineConfiguration;
import org.flowable.common.engine.api.delegate.event.FlowableEngineEventType;
import org.flowable.engine.cfg.AbstractProcessEngineConfigurator;
import org.flowable.eventregistry.impl.EventRegistryEngineConfiguration;
import org.flowable.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Plugs the connector into a process engine, in three separate pieces: the {@code twilioConnector.*}
 * actions ({@link TwilioActions}), and once the engine is built the plugin's tables ({@link PluginSchema},
 * following the engine's {@code databaseSchemaUpdate} and table prefix) and the {@code SMS_RECEIVED} /
 * {@code SMS_STATUS} / {@code SMS_OPT_OUT} event definitions ({@link SmsEventDefinitions}). For incoming messages it also
 * installs the consumer that hands each answer to one instance ({@link RoutingEventConsumer}) and the out-parameters
 * that keep, in every instance, the message that started or last woke it ({@link AnsweredMessageParameters}).
 *
 * <p>Without Spring, add it to the engine's {@code configurators}; built from settings it closes its connector
 * with the engine. With a connector handed in (as the Spring Boot auto-configuration does), the owner of that
 * connector closes it. It is not discovered through {@code ServiceLoader}: an engine would then run a second,
 * differently configured one beside the one the application added.
 */
public class TwilioConnectorConfigurator extends AbstractProcessEngineConfigurator {

    private static final Logger LOG = LoggerFactory.getLogger(TwilioConnectorConfigurator.class);
    /** Far longer than a hand-over the webhook waits for; a node that died during one frees its instance after this. */
    private static final Duration LEASE_STALE_AFTER = Duration.ofMinutes(2);
    /** How often kept events expire, and waits a node may have missed are looked at again. */
    private static final Duration SWEEP_EVERY = Duration.ofSeconds(30);

    private final TwilioSettings settings;
    private volatile TwilioConnector connector;
    private volatile SendLedger sendLedger;
    private volatile ConversationLog conversationLog;
    private volatile ReplyRouter replyRouter;
    private RoutingEventConsumer routingConsumer;
    private volatile EventKeeper eventKeeper;
    private Duration keepStatus = Setting.EVENTS_KEEP_STATUS.duration(Setting.Defaults.KEEP_STATUS);
    private Duration keepReply = Setting.EVENTS_KEEP_REPLY.duration(Setting.Defaults.KEEP_REPLY);
    private KeptEventMetrics keptEventMetrics = KeptEventMetrics.NONE;
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
        TwilioActions.install(configuration, new ActionDelegates(this::connector, this::sendLedger, this::conversationLog));
        routeAnswersToOneInstance(configuration);
        AnsweredMessageParameters.install(configuration);
        configuration.addEngineLifecycleListener(new InstallsTablesAndEvents(configuration));
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

    /**
     * Replaces Flowable's BPMN event consumer by one that hands each answer to one waiting instance; an
     * application that set a consumer of its own keeps it, and every waiting instance then gets each answer.
     */
    private void routeAnswersToOneInstance(ProcessEngineConfigurationImpl configuration) {
        if (configuration.getEventRegistryEventConsumer() != null) {
            LOG.warn("The process engine has an event registry consumer of its own ({}): an SMS_RECEIVED wakes every instance "
                    + "waiting for it, not the one it answers", configuration.getEventRegistryEventConsumer().getClass().getName());
            return;
        }
        routingConsumer = new RoutingEventConsumer(configuration, this::replyRouter);
        configuration.setEventRegistryEventConsumer(routingConsumer);
    }

    @Override
    public void configure(AbstractEngineConfiguration engineConfiguration) {
        if (routingConsumer != null) {
            routingConsumer.useEngineCommandExecutor();
        }
    }

    /**
     * How long events no process waited for are kept for one that starts waiting (delivery reports, messages);
     * {@link Duration#ZERO} keeps none. Set before the engine is built.
     */
    public TwilioConnectorConfigurator keepEvents(Duration keepStatus, Duration keepReply) {
        this.keepStatus = nonNegative(keepStatus, Setting.EVENTS_KEEP_STATUS);
        this.keepReply = nonNegative(keepReply, Setting.EVENTS_KEEP_REPLY);
        return this;
    }

    /** Where kept events are counted; set before the engine is built. */
    public TwilioConnectorConfigurator keptEventMetrics(KeptEventMetrics metrics) {
        this.keptEventMetrics = metrics;
        return this;
    }

    private static Duration nonNegative(Duration duration, Setting setting) {
        if (duration == null || duration.isNegative()) {
            throw new IllegalArgumentException(setting.environmentVariable() + " / " + setting.property() + " must not be negative, was "
                    + duration);
        }
        return duration;
    }

    /** Keeps what no process waited for, once the engine is built; what the webhooks' hand-overs do after each. */
    public EventKeeper eventKeeper() {
        return builtWithEngine(eventKeeper, "event keeper");
    }

    /** Which instance texted which phone, once the engine is built. */
    public ConversationLog conversationLog() {
        return builtWithEngine(conversationLog, "conversation log");
    }

    private ReplyRouter replyRouter() {
        return builtWithEngine(replyRouter, "reply router");
    }

    private static <T> T builtWithEngine(T part, String name) {
        if (part == null) {
            throw new IllegalStateException("The " + name + " is available once the process engine is built");
        }
        return part;
    }

    /** The send ledger on the engine's database, once the engine is built. */
    public SendLedger sendLedger() {
        return builtWithEngine(sendLedger, "send ledger");
    }

    @Override
    public int getPriority() {
        return DEFAULT_CONFIGURATOR_PRIORITY;
    }

    /** Once the engine (and its event registry) is built: the plugin's tables and its event definitions. */
    private final class InstallsTablesAndEvents implements EngineLifecycleListener {
        private final ProcessEngineConfigurationImpl configuration;
        private volatile PluginSchema schema;
        private volatile NewWaitListener newWaits;

        InstallsTablesAndEvents(ProcessEngineConfigurationImpl configuration) {
            this.configuration = configuration;
        }

        @Override
        public void onEngineBuilt(Engine engine) {
            DataSource ownConnections = DataSources.outsideTransactions(configuration.getDataSource());
            PluginTables tables = new PluginTables(configuration.getDatabaseTablePrefix());
            schema = new PluginSchema(ownConnections, tables);
            schema.onEngineBuilt(configuration.getDatabaseSchemaUpdate());
            sendLedger = new SendLedger(ownConnections, tables, Clock.systemUTC());
            conversationLog = new ConversationLog(ownConnections, tables, Clock.systemUTC());
            replyRouter = new ReplyRouter(conversationLog, new InstanceLeases(ownConnections, tables, Clock.systemUTC(), LEASE_STALE_AFTER));
            SmsEventDefinitions.deploy(configuration);
            keepEventsNoProcessWaitedFor(ownConnections, tables);
        }

        private void keepEventsNoProcessWaitedFor(DataSource ownConnections, PluginTables tables) {
            EventRegistryEngineConfiguration events = SmsEventDefinitions.eventRegistry(configuration);
            Map<String, EventHandOver> handOvers = new HashMap<>();
            for (String eventKey : List.of(SmsReceivedEvent.EVENT_KEY, SmsStatusEvent.EVENT_KEY)) {
                handOvers.put(eventKey, new EventHandOver(events.getEventRegistry(), events.getEventRepositoryService(),
                        configuration.getManagementService(), eventKey));
            }
            eventKeeper = new EventKeeper(new KeptEvents(ownConnections, tables, LEASE_STALE_AFTER), conversationLog, handOvers,
                    keepStatus, keepReply, Clock.systemUTC(), keptEventMetrics);
            newWaits = new NewWaitListener(TwilioConnectorConfigurator.this::eventKeeper, handOvers.keySet(), configuration.getRuntimeService(),
                    SWEEP_EVERY, Clock.systemUTC());
            configuration.getRuntimeService().addEventListener(newWaits, FlowableEngineEventType.ENTITY_CREATED);
        }

        @Override
        public void onEngineClosed(Engine engine) {
            if (newWaits != null) {
                newWaits.close();
            }
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

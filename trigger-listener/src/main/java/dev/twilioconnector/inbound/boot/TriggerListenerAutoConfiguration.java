package dev.twilioconnector.inbound.boot;

import dev.twilioconnector.core.TwilioConnector;
import dev.twilioconnector.core.settings.TwilioSettings;
import dev.twilioconnector.flowable.TwilioConnectorConfigurator;
import dev.twilioconnector.flowable.boot.TwilioConnectorAutoConfiguration;
import dev.twilioconnector.flowable.boot.TwilioProperties;
import dev.twilioconnector.flowable.inbound.EventHandOver;
import dev.twilioconnector.flowable.inbound.InboundMessageLedger;
import dev.twilioconnector.flowable.inbound.SmsOptOutEvent;
import dev.twilioconnector.flowable.inbound.SmsReceivedEvent;
import dev.twilioconnector.flowable.inbound.SmsStatusEvent;
import dev.twilioconnector.flowable.inbound.StatusOrder;
import dev.twilioconnector.flowable.outbound.DataSources;
import dev.twilioconnector.flowable.schema.PluginTables;
import dev.twilioconnector.inbound.reception.EventRegistryOptOutPublisher;
import dev.twilioconnector.inbound.reception.EventRegistryPublisher;
import dev.twilioconnector.inbound.reception.EventRegistryStatusPublisher;
import dev.twilioconnector.inbound.reception.InboundMetrics;
import dev.twilioconnector.inbound.reception.LateReply;
import dev.twilioconnector.inbound.reception.OptOutEventPublisher;
import dev.twilioconnector.inbound.reception.RestLateReply;
import dev.twilioconnector.inbound.reception.SmsEventPublisher;
import dev.twilioconnector.inbound.reception.SmsReception;
import dev.twilioconnector.inbound.reception.StatusEventPublisher;
import dev.twilioconnector.inbound.reception.StatusReception;
import dev.twilioconnector.inbound.trigger.Trigger;
import dev.twilioconnector.inbound.trigger.TriggerFile;
import dev.twilioconnector.inbound.trigger.TriggerSet;
import dev.twilioconnector.inbound.webhook.SignatureCheck;
import dev.twilioconnector.inbound.webhook.SmsStatusController;
import dev.twilioconnector.inbound.webhook.SmsWebhookController;
import dev.twilioconnector.inbound.webhook.WebhookGuard;
import dev.twilioconnector.inbound.webhook.WebhookWorkers;
import org.flowable.engine.ManagementService;
import org.flowable.eventregistry.api.EventRegistry;
import org.flowable.eventregistry.api.EventRepositoryService;
import org.flowable.spring.SpringProcessEngineConfiguration;
import org.flowable.spring.boot.ProcessEngineAutoConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.util.stream.Collectors;

/**
 * The inbound half in a servlet web application with Flowable: the message and delivery-status
 * webhooks, the trigger file (checked at start-up), deduplication in the engine database and
 * publication through the event registry.
 * Every bean backs off to one the application defines itself.
 */
@AutoConfiguration(after = {TwilioConnectorAutoConfiguration.class, ProcessEngineAutoConfiguration.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(SpringProcessEngineConfiguration.class)
@EnableConfigurationProperties(TwilioProperties.class)
public final class TriggerListenerAutoConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(TriggerListenerAutoConfiguration.class);

    @Bean
    @ConditionalOnMissingBean
    TriggerSet twilioTriggers(TwilioProperties twilio, TwilioConnector connector) {
        TwilioProperties.Triggers properties = twilio.triggers();
        if (properties.location() == null || properties.location().isBlank()) {
            LOG.warn("No trigger file (TWILIO_TRIGGERS / twilio.triggers.location): no trigger is active, "
                    + "incoming SMS get an empty reply and publish nothing");
            return TriggerSet.none();
        }
        TriggerSet triggers = TriggerFile.load(properties.location().trim(), connector.templates(), properties.matchTimeout());
        LOG.info("{} SMS trigger(s) active from {}: {}", triggers.triggers().size(), properties.location(),
                triggers.triggers().stream().map(Trigger::name).collect(Collectors.joining(", ")));
        return triggers;
    }

    @Bean
    @ConditionalOnMissingBean
    InboundMessageLedger twilioInboundMessageLedger(SpringProcessEngineConfiguration engine, TwilioProperties twilio) {
        return new InboundMessageLedger(engine.getDataSource(), new PluginTables(engine.getDatabaseTablePrefix()), Clock.systemUTC(),
                twilio.webhook().takeoverAfter(), twilio.webhook().duplicateWait(), twilio.webhook().deduplicationRetention());
    }

    @Bean
    @ConditionalOnMissingBean
    SmsEventPublisher twilioSmsEventPublisher(EventRegistry registry, EventRepositoryService definitions, ManagementService engine,
                                              TwilioConnectorConfigurator configurator) {
        return new EventRegistryPublisher(new EventHandOver(registry, definitions, engine, SmsReceivedEvent.EVENT_KEY, configurator::eventKeeper));
    }

    @Bean
    @ConditionalOnMissingBean
    OptOutEventPublisher twilioOptOutEventPublisher(EventRegistry registry, EventRepositoryService definitions, ManagementService engine) {
        return new EventRegistryOptOutPublisher(new EventHandOver(registry, definitions, engine, SmsOptOutEvent.EVENT_KEY));
    }

    @Bean
    @ConditionalOnMissingBean
    SmsReception twilioSmsReception(TriggerSet triggers, InboundMessageLedger ledger, SmsEventPublisher publisher,
                                    ObjectProvider<InboundMetrics> metrics, LateReply lateReply, OptOutEventPublisher optOuts) {
        return new SmsReception(triggers, ledger, publisher, metrics.getIfAvailable(() -> InboundMetrics.NONE), lateReply, optOuts);
    }

    @Bean
    @ConditionalOnMissingBean
    LateReply twilioLateReply(TwilioConnector connector) {
        return new RestLateReply(connector);
    }

    @Bean
    @ConditionalOnMissingBean
    WebhookWorkers twilioWebhookWorkers(TwilioProperties twilio) {
        return new WebhookWorkers(twilio.webhook().answerWithin());
    }

    @Bean
    @ConditionalOnMissingBean
    SignatureCheck twilioSignatureCheck(TwilioSettings settings, TwilioProperties twilio) {
        TwilioProperties.Webhook properties = twilio.webhook();
        if (!properties.validateSignature()) {
            LOG.warn("twilio.webhook.validate-signature=false: {} accepts unsigned requests from anyone", properties.path());
        } else if (settings.authToken() == null) {
            LOG.warn("No auth token (TWILIO_TOKEN / twilio.token): inbound webhooks cannot be validated and every call to {} "
                    + "is refused with 403. An API key does not sign webhooks; Twilio signs them with the auth token", properties.path());
        }
        return new SignatureCheck(settings.authToken());
    }

    @Bean
    @ConditionalOnMissingBean
    WebhookGuard twilioWebhookGuard(SignatureCheck signatures, TwilioProperties twilio, ObjectProvider<InboundMetrics> metrics) {
        return new WebhookGuard(signatures, twilio.webhook().validateSignature(), twilio.webhook().publicUrl(),
                metrics.getIfAvailable(() -> InboundMetrics.NONE));
    }

    @Bean
    @ConditionalOnMissingBean
    SmsWebhookController twilioSmsWebhookController(SmsReception reception, WebhookGuard guard, WebhookWorkers workers) {
        return new SmsWebhookController(reception, guard, workers);
    }

    @Bean
    @ConditionalOnMissingBean
    StatusEventPublisher twilioStatusEventPublisher(EventRegistry registry, EventRepositoryService definitions,
                                                    ManagementService engine, TwilioConnectorConfigurator configurator) {
        return new EventRegistryStatusPublisher(new EventHandOver(registry, definitions, engine, SmsStatusEvent.EVENT_KEY,
                configurator::eventKeeper));
    }

    @Bean
    @ConditionalOnMissingBean
    StatusReception twilioStatusReception(InboundMessageLedger ledger, StatusEventPublisher publisher, SpringProcessEngineConfiguration engine,
                                          TwilioProperties twilio) {
        return new StatusReception(ledger, publisher, new StatusOrder(DataSources.outsideTransactions(engine.getDataSource()), new PluginTables(engine.getDatabaseTablePrefix()),
                Clock.systemUTC(), twilio.webhook().deduplicationRetention()));
    }

    @Bean
    @ConditionalOnMissingBean
    SmsStatusController twilioSmsStatusController(StatusReception reception, WebhookGuard guard, WebhookWorkers workers) {
        return new SmsStatusController(reception, guard, workers);
    }

    /** Counts inbound traffic in the application's Micrometer registry, when it has one. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterRegistry.class)
    static class Metrics {

        @Bean
        @ConditionalOnMissingBean
        InboundMetrics twilioInboundMetrics(ObjectProvider<MeterRegistry> registry) {
            MeterRegistry meters = registry.getIfAvailable();
            return meters == null ? InboundMetrics.NONE : new MicrometerInboundMetrics(meters);
        }
    }
}

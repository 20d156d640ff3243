package dev.twilioconnector.core.sms;

import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import dev.twilioconnector.core.Answer;
import dev.twilioconnector.core.Refusal;
import dev.twilioconnector.core.RequestFailure;
import dev.twilioconnector.core.SendMetrics;
import dev.twilioconnector.core.TwilioProblem;
import dev.twilioconnector.core.http.ConnectionFailure;
import dev.twilioconnector.core.http.TwilioClients;
import dev.twilioconnector.core.recipient.RecipientList;
import dev.twilioconnector.core.settings.Credentials;
import dev.twilioconnector.core.settings.TwilioSettings;
import dev.twilioconnector.core.template.SmsTemplate;
import dev.twilioconnector.core.template.SmsTemplates;
import dev.twilioconnector.core.template.TemplateProblem;
import dev.twilioconnector.core.template.TemplateTooLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Sends one text to many recipients: the text is rendered for each before the first request, then the
 * messages go out concurrently (bounded by the connector's parallelism), and every recipient ends up
 * either accepted or with a {@link TwilioProblem}. It never throws for a Twilio or input problem.
 */
public final class SmsSender {

    public static final int MAX_BODY_LENGTH = SmsTemplate.MAX_LENGTH;
    public static final String MAY_HAVE_BEEN_SENT = "; Twilio may have accepted the message, so it was not sent again";
    public static final String NO_ANSWER = RequestFailure.NO_ANSWER + MAY_HAVE_BEEN_SENT;
    public static final String CANNOT_CONNECT = RequestFailure.CANNOT_CONNECT;
    public static final String UNREADABLE_ANSWER = "Twilio's answer could not be read (%s)" + MAY_HAVE_BEEN_SENT;

    private static final Logger LOG = LoggerFactory.getLogger(SmsSender.class);

    private final TwilioSettings settings;
    private final TwilioClients clients;
    private final SmsTemplates templates;
    private final ExecutorService requests;
    private final SendMetrics metrics;

    public SmsSender(TwilioSettings settings, TwilioClients clients, SmsTemplates templates, ExecutorService requests) {
        this(settings, clients, templates, requests, SendMetrics.NONE);
    }

    public SmsSender(TwilioSettings settings, TwilioClients clients, SmsTemplates templates, ExecutorService requests,
                     SendMetrics metrics) {
        this.settings = settings;
        this.clients = clients;
        this.templates = templates;
        this.requests = requests;
        this.metrics = metrics;
    }

    /**
     * Sends {@code request} as {@link dev.twilioconnector.core.TwilioConnector} checked it: with its defaults
     * applied and nothing in it that keeps the whole send from happening.
     */
    public SendOutcome send(SendSms request, Credentials credentials, DeliveryJournal journal) {
        Texts texts;
        try {
            texts = texts(request);
        } catch (TemplateProblem e) {
            return SendOutcome.refused(Refusal.BODY_TEMPLATE.problem(e.getMessage()));
        }
        return deliver(request, texts.bodies(), texts.problems(), credentials, journal);
    }

    /**
     * The text the one recipient of {@code request} would get, made exactly as {@link #send} makes it, sent
     * nowhere: {@code null} for a message without text (media only), or the problem that recipient would meet.
     */
    public Answer<String> compose(SendSms request) {
        Texts texts;
        try {
            texts = texts(request);
        } catch (TemplateProblem e) {
            return Answer.failed(Refusal.BODY_TEMPLATE.problem(e.getMessage()));
        }
        if (!texts.problems().isEmpty()) {
            return Answer.failed(texts.problems().get(0));
        }
        return texts.bodies().isEmpty() ? Answer.failed(Refusal.NO_RECIPIENT.problem()) : Answer.of(texts.bodies().values().iterator().next());
    }

    /** Each recipient's text, and a problem for each recipient that gets none (its number, its text too long or empty). */
    private Texts texts(SendSms request) throws TemplateProblem {
        RecipientList recipients = request.recipients();
        List<TwilioProblem> problems = new ArrayList<>(recipients.problems());
        // A syntax error, a missing variable, the render timeout …: the same template fails for everyone, and throws.
        Map<String, String> bodies = request.bodyTemplate() == null ? withoutText(recipients.valid()) : render(request, recipients.valid(), problems);
        Map<String, String> sendable = new LinkedHashMap<>();
        bodies.forEach((recipient, body) -> bodyProblem(recipient, body, request.options()).ifPresentOrElse(problems::add,
                () -> sendable.put(recipient, body)));
        return new Texts(sendable, problems);
    }

    /** @param bodies recipient → the text to send it ({@code null}: none, the message carries media or a content template) */
    private record Texts(Map<String, String> bodies, List<TwilioProblem> problems) {
    }

    private static Map<String, String> withoutText(List<String> recipients) {
        Map<String, String> bodies = new LinkedHashMap<>();
        recipients.forEach(recipient -> bodies.put(recipient, null));
        return bodies;
    }

    /**
     * Each recipient's text. Rendering stops at the character after Twilio's limit, so an over-long text
     * (which may depend on the recipient) fails that recipient alone and is never held in full.
     */
    private Map<String, String> render(SendSms request, List<String> recipients, List<TwilioProblem> problems) throws TemplateProblem {
        SmsTemplate template = templates.compile(request.bodyTemplate());
        SmsTemplate.Scope scope = template.scope(request.variables());
        Map<String, String> bodies = new LinkedHashMap<>();
        for (String recipient : recipients) {
            try {
                bodies.put(recipient, template.render(scope, recipient, MAX_BODY_LENGTH));
            } catch (TemplateTooLong e) {
                problems.add(Refusal.BODY_TOO_LONG.problemFor(recipient));
            }
        }
        return bodies;
    }

    private SendOutcome deliver(SendSms request, Map<String, String> bodies, List<TwilioProblem> earlierProblems, Credentials credentials,
                                DeliveryJournal journal) {
        TwilioRestClient client = clients.forCredentials(credentials);
        List<TwilioProblem> problems = new ArrayList<>(earlierProblems);
        List<Future<Delivery>> pending = new ArrayList<>();
        // One request gains nothing from the pool but two thread switches.
        Executor executor = bodies.size() == 1 ? Runnable::run : requests;
        bodies.forEach((recipient, body) -> pending.add(
                CompletableFuture.supplyAsync(() -> deliverOnce(client, request, recipient, body, journal), executor)));
        List<Accepted> accepted = new ArrayList<>();
        for (Future<Delivery> future : pending) {
            Delivery delivery = awaitUninterruptibly(future);
            if (delivery.accepted() != null) {
                accepted.add(delivery.accepted());
            } else {
                problems.add(delivery.problem());
            }
        }
        LOG.debug("{} accepted, {} problems", accepted.size(), problems.size());
        problems.stream().filter(problem -> !problem.concernsWholeRequest()).forEach(problem -> metrics.messageFailed());
        return new SendOutcome(accepted, problems);
    }

    private static Optional<TwilioProblem> bodyProblem(String recipient, String body, MessageOptions options) {
        if (body == null) {
            return Optional.empty();
        }
        if (body.isBlank() && !options.carriesContent()) {
            return Optional.of(Refusal.EMPTY_BODY.problemFor(recipient));
        }
        return Optional.empty();
    }

    private Delivery deliverOnce(TwilioRestClient client, SendSms request, String recipient, String body, DeliveryJournal journal) {
        DeliveryJournal.Prior prior = journal.before(recipient);
        if (prior instanceof DeliveryJournal.Prior.AlreadyAccepted earlier) {
            LOG.debug("Not sending to {} again: message {} was accepted by an earlier execution", recipient, earlier.accepted().sid());
            return new Delivery(earlier.accepted(), null);
        }
        if (prior instanceof DeliveryJournal.Prior.Uncertain uncertain) {
            return new Delivery(null, uncertain.problem());
        }
        Delivery delivery = deliverOne(client, request, recipient, body);
        if (delivery.accepted() != null) {
            journal.accepted(delivery.accepted());
        } else {
            journal.notAccepted(delivery.problem(), delivery.mayHaveBeenAccepted());
        }
        return delivery;
    }

    private Delivery deliverOne(TwilioRestClient client, SendSms request, String recipient, String body) {
        MessageCreator creator = MessageRequest.creator(recipient, request, body == null || body.isBlank() ? null : body);
        long started = System.nanoTime();
        try {
            Message message = creator.create(client);
            metrics.messageAccepted(Duration.ofNanos(System.nanoTime() - started));
            String status = message.getStatus() == null ? null : message.getStatus().toString();
            LOG.debug("Twilio accepted message {} to {}", message.getSid(), recipient);
            return new Delivery(new Accepted(recipient, message.getSid(), status), null, false);
        } catch (ApiException e) {
            return new Delivery(null, problemOf(recipient, e), mayHaveBeenAccepted(e));
        } catch (RuntimeException e) {
            return new Delivery(null, new TwilioProblem(recipient, null, null, String.valueOf(e.getMessage())), true);
        }
    }

    /** Only a refusal Twilio stated (4xx) or a connection never opened leaves no doubt that nothing was accepted. */
    private static boolean mayHaveBeenAccepted(ApiException e) {
        Integer status = e.getStatusCode();
        if (status != null) {
            return status >= 500;
        }
        return !ConnectionFailure.neverReachedServer(e);
    }

    private TwilioProblem problemOf(String recipient, ApiException e) {
        Integer status = e.getStatusCode();
        if (status != null) {
            String suffix = status >= 500 ? MAY_HAVE_BEEN_SENT : "";
            return new TwilioProblem(recipient, e.getCode(), status, e.getMessage() + suffix);
        }
        if (ConnectionFailure.timedOutWaitingForAnswer(e)) {
            return new TwilioProblem(recipient, null, null, NO_ANSWER.formatted(settings.readTimeout().toMillis()));
        }
        if (ConnectionFailure.neverReachedServer(e)) {
            return new TwilioProblem(recipient, null, null, CANNOT_CONNECT.formatted(settings.apiBaseUrl(), e.getMessage()));
        }
        return new TwilioProblem(recipient, null, null, UNREADABLE_ANSWER.formatted(e.getMessage()));
    }

    private static Delivery awaitUninterruptibly(Future<Delivery> future) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return future.get();
                } catch (InterruptedException e) {
                    // A request in flight may already be accepted: its outcome must still be recorded.
                    interrupted = true;
                } catch (ExecutionException e) {
                    throw new IllegalStateException("a send task failed unexpectedly", e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private record Delivery(Accepted accepted, TwilioProblem problem, boolean mayHaveBeenAccepted) {
        Delivery(Accepted accepted, TwilioProblem problem) {
            this(accepted, problem, false);
        }
    }

}

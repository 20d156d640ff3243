package dev.twilioconnector.sample.sandbox;

import dev.twilioconnector.core.settings.TwilioSettings;
import dev.twilioconnector.flowable.boot.TwilioProperties;
import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URLConnection;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A person's phone in the sandbox: {@link #send} texts the application's number the way Twilio delivers
 * an incoming SMS: Twilio's form parameters, POSTed to the application's own webhook
 * ({@code /twilio/sms}) over HTTP and signed with {@code X-Twilio-Signature} exactly as Twilio signs it.
 * The application's TwiML answer is the reply the person would get. Every message sent is recorded in
 * {@link SandboxMessages} with that reply.
 *
 * <p>Like Twilio, a body of just {@code STOP}, {@code START} or {@code HELP} (any case, surrounding
 * blanks ignored) is marked with {@code OptOutType}. {@code YES} is not: it stays an ordinary message.
 */
public class SandboxPhone {

    public static final Set<String> OPT_OUT_KEYWORDS = Set.of("STOP", "START", "HELP");
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final SandboxMessages messages;
    private final TwilioSettings settings;
    private final TwilioProperties.Webhook webhook;
    private final ApplicationContext context;
    private final Environment environment;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    public SandboxPhone(SandboxMessages messages, TwilioSettings settings, TwilioProperties.Webhook webhook,
                        ApplicationContext context, Environment environment) {
        this(messages, settings, webhook, context, environment, Clock.systemUTC());
    }

    SandboxPhone(SandboxMessages messages, TwilioSettings settings, TwilioProperties.Webhook webhook,
                 ApplicationContext context, Environment environment, Clock clock) {
        this.messages = messages;
        this.settings = settings;
        this.webhook = webhook;
        this.context = context;
        this.environment = environment;
        this.clock = clock;
    }

    /** The application's number, which the phone texts: {@code twilio.default-from}, in the sandbox {@value SandboxMode#DEFAULT_FROM}. */
    public String number() {
        return settings.defaultFrom() != null ? settings.defaultFrom() : SandboxMode.DEFAULT_FROM;
    }

    /** Texts {@code body} from the number {@code from} to the application and returns its answer. */
    public InboundResult send(String from, String body) {
        return send(from, body, List.of());
    }

    /** Like {@link #send(String, String)}, as an MMS with the given media URLs. */
    public InboundResult send(String from, String body, List<String> mediaUrls) {
        if (from == null || from.isBlank()) {
            throw new IllegalArgumentException("the sender's number is missing");
        }
        if (settings.authToken() == null) {
            throw new IllegalStateException("no auth token (twilio.token): the sandbox phone cannot sign its messages");
        }
        String text = body == null ? "" : body;
        String sid = SandboxMessages.newSid();
        Map<String, String> form = form(sid, from.trim(), number(), text, mediaUrls);
        SandboxMessage message = messages.add(new SandboxMessage(sid, SandboxMessage.INBOUND, from.trim(), number(), text,
                SandboxMessage.RECEIVED, clock.instant(), mediaUrls, null));

        String target = localWebhookUrl();
        HttpRequest request = SignedWebhookRequest.of(target, signedUrl(target), settings.authToken(), form, TIMEOUT);
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("the sandbox phone could not reach the webhook at " + target + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the sandbox phone waited for the webhook at " + target, e);
        }
        String reply = response.statusCode() == 200 ? replyText(response.body()) : null;
        messages.update(message.withReply(reply));
        return new InboundResult(response.statusCode(), response.body(), reply, sid);
    }

    /** Twilio's parameters of an incoming SMS (or MMS). */
    Map<String, String> form(String sid, String from, String to, String body, List<String> mediaUrls) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("ToCountry", "US");
        form.put("SmsMessageSid", sid);
        form.put("NumMedia", String.valueOf(mediaUrls.size()));
        form.put("SmsSid", sid);
        form.put("SmsStatus", SandboxMessage.RECEIVED);
        form.put("Body", body);
        form.put("To", to);
        form.put("NumSegments", String.valueOf(TwilioJson.segments(body)));
        form.put("MessageSid", sid);
        form.put("AccountSid", settings.accountSid() == null ? SandboxMode.ACCOUNT_SID : settings.accountSid());
        form.put("From", from);
        form.put("ApiVersion", TwilioJson.API_VERSION);
        for (int i = 0; i < mediaUrls.size(); i++) {
            form.put("MediaUrl" + i, mediaUrls.get(i));
            form.put("MediaContentType" + i, contentType(mediaUrls.get(i)));
        }
        String keyword = body.trim().toUpperCase(Locale.ROOT);
        if (OPT_OUT_KEYWORDS.contains(keyword)) {
            form.put("OptOutType", keyword);
        }
        return form;
    }

    /** Where the phone posts: this application's webhook on the loopback interface, on the port the server really listens on. */
    String localWebhookUrl() {
        String contextPath = environment.getProperty("server.servlet.context-path", "").replaceAll("/+$", "");
        return "http://127.0.0.1:" + port() + contextPath + webhookPath();
    }

    /** The URL the webhook checks the signature over: {@code twilio.webhook.public-url} plus the path when set, else the URL called. */
    String signedUrl(String target) {
        if (webhook.publicUrl() == null) {
            return target;
        }
        return webhook.publicUrl().toString().replaceAll("/+$", "") + webhookPath();
    }

    private String webhookPath() {
        String path = webhook.path().trim();
        return path.startsWith("/") ? path : "/" + path;
    }

    private int port() {
        WebServer server = context instanceof WebServerApplicationContext web ? web.getWebServer() : null;
        if (server == null || server.getPort() <= 0) {
            throw new IllegalStateException("the sandbox phone needs the application's web server, which is not running");
        }
        return server.getPort();
    }

    /** The text of the TwiML answer's {@code <Message>} elements, or {@code null} when it has none. */
    static String replyText(String twiml) {
        if (twiml == null || twiml.isBlank()) {
            return null;
        }
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setExpandEntityReferences(false);
            Document document = factory.newDocumentBuilder().parse(new InputSource(new StringReader(twiml)));
            NodeList found = document.getElementsByTagName("Message");
            List<String> texts = new ArrayList<>();
            for (int i = 0; i < found.getLength(); i++) {
                texts.add(found.item(i).getTextContent());
            }
            return texts.isEmpty() ? null : String.join("\n", texts);
        } catch (ParserConfigurationException | SAXException | IOException e) {
            return null;
        }
    }

    private static String contentType(String url) {
        String guessed = URLConnection.guessContentTypeFromName(url.replaceAll("[?#].*$", ""));
        return guessed == null ? "image/jpeg" : guessed;
    }
}

package dev.twilioconnector.sample.console;

import dev.twilioconnector.core.Answer;
import dev.twilioconnector.core.recipient.Recipients;
import dev.twilioconnector.core.settings.TwilioSettings;
import dev.twilioconnector.emulator.Message;
import dev.twilioconnector.emulator.Reply;
import dev.twilioconnector.emulator.TwilioEmulator;
import dev.twilioconnector.inbound.trigger.TriggerSet;
import org.flowable.engine.RuntimeService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.security.Principal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The console at {@code /}: each phone's conversation with the application ({@link Conversations}), what the
 * sandbox received, a phone to text the application from, the triggers, and the newest process instances with
 * their variables. Plain HTML forms, no script; each form carries its CSRF token ({@code th:action}), which
 * Spring Security checks. The one script draws running instances' diagrams ({@link InstanceDiagramController});
 * everything else works without it.
 */
@Controller
public class ConsoleController {

    private final TwilioSettings settings;
    private final TriggerSet triggers;
    private final ProcessViews processes;
    private final RuntimeService runtime;
    private final ObjectProvider<TwilioEmulator> sandbox;
    private final Conversations conversations;

    public ConsoleController(TwilioSettings settings, TriggerSet triggers, ProcessViews processes, RuntimeService runtime,
                             ObjectProvider<TwilioEmulator> sandbox, Conversations conversations) {
        this.settings = settings;
        this.triggers = triggers;
        this.processes = processes;
        this.runtime = runtime;
        this.sandbox = sandbox;
        this.conversations = conversations;
    }

    @GetMapping("/")
    public String console(Model model, Principal user) {
        TwilioEmulator twilio = sandbox.getIfAvailable();
        model.addAttribute("user", user == null ? null : user.getName());
        model.addAttribute("sandbox", twilio != null);
        model.addAttribute("account", settings.accountSid());
        model.addAttribute("credentialsProblem", settings.credentialsProblem().orElse(null));
        model.addAttribute("defaultFrom", settings.defaultFrom());
        model.addAttribute("messages", twilio == null ? List.of() : newestFirst(twilio));
        Answer<List<Conversation>> threads = conversations.newest();
        model.addAttribute("conversations", threads.hasProblem() ? List.of() : threads.value());
        model.addAttribute("conversationsProblem", threads.hasProblem() ? threads.problem().message() : null);
        model.addAttribute("triggers", triggers.triggers().stream()
                .map(trigger -> new TriggerView(trigger.name(), trigger.pattern().pattern(), String.join(", ", trigger.groupNames())))
                .toList());
        model.addAttribute("running", processes.running());
        model.addAttribute("finished", processes.finished());
        return "console";
    }

    /** A trigger as the console lists it. */
    public record TriggerView(String name, String pattern, String groups) {
    }

    /** The sandbox's messages as JSON, newest first (for scripts and tests). */
    @GetMapping("/console/messages.json")
    @ResponseBody
    public ResponseEntity<List<Message>> messages() {
        TwilioEmulator twilio = sandbox.getIfAvailable();
        return twilio == null ? ResponseEntity.notFound().build() : ResponseEntity.ok(newestFirst(twilio));
    }

    /** A person texts the application: through the real, signed webhook. */
    @PostMapping("/console/inbound")
    public String inbound(@RequestParam String from, @RequestParam String body, RedirectAttributes redirect) {
        TwilioEmulator twilio = sandbox.getIfAvailable();
        if (twilio == null) {
            redirect.addFlashAttribute("notice", "Texting from the console needs sandbox mode (no TWILIO_ACCOUNT set).");
            return "redirect:/";
        }
        Reply reply = twilio.phone(from.trim()).text(body);
        redirect.addFlashAttribute("notice", reply.accepted()
                ? "Sent \"" + body + "\" from " + from + ". Reply: " + (reply.text() == null ? "(none)" : reply.text())
                : "The webhook answered HTTP " + reply.status());
        return "redirect:/";
    }

    /** The emulator keeps its messages oldest first; the console shows the newest on top. */
    private static List<Message> newestFirst(TwilioEmulator twilio) {
        List<Message> messages = new ArrayList<>(twilio.messages().all());
        Collections.reverse(messages);
        return messages;
    }

    @PostMapping("/console/appointment")
    public String appointment(@RequestParam String customerPhone, @RequestParam String customerName,
                              @RequestParam String appointmentTime, @RequestParam(defaultValue = "PT10M") String reminderInterval,
                              RedirectAttributes redirect) {
        Map<String, Object> variables = trimmed(Map.of("customerPhone", customerPhone, "customerName", customerName,
                "appointmentTime", appointmentTime, "reminderInterval", reminderInterval));
        return start("appointmentReminder", variables, redirect, id -> "Started appointment reminder " + id + " for " + customerPhone
                + ". Answer YES or NO from that number below.");
    }

    @PostMapping("/console/pickup")
    public String pickup(@RequestParam String customerPhone, @RequestParam String customerName,
                         @RequestParam(defaultValue = "PT10M") String reportTimeout, RedirectAttributes redirect) {
        Map<String, Object> variables = trimmed(Map.of("customerPhone", customerPhone, "customerName", customerName,
                "reportTimeout", reportTimeout));
        return start("pickupNotice", variables, redirect, id -> "Started pickup notice " + id + " for " + customerPhone
                + ". It waits for Twilio's delivery report; see its outcome below.");
    }

    @PostMapping("/console/broadcast")
    public String broadcast(@RequestParam String recipients, @RequestParam String body, RedirectAttributes redirect) {
        List<String> numbers = List.of(recipients.split("[,;\\s]+"));
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("smsTo", String.join(",", numbers));
        variables.put("smsBody", body);
        return start("broadcast", variables, redirect, id -> "Broadcast " + id + " sent to " + Recipients.check(numbers).valid().size()
                + " valid number(s); see its twilioResult and twilioError below.");
    }

    /** Starts the process {@code key} with {@code variables} and comes back to the console with {@code notice} of the new instance's id. */
    private String start(String key, Map<String, Object> variables, RedirectAttributes redirect, Function<String, String> notice) {
        String id = runtime.startProcessInstanceByKey(key, variables).getId();
        redirect.addFlashAttribute("notice", notice.apply(id));
        return "redirect:/";
    }

    /** A form's fields as process variables, without the spaces a pasted value brings along. */
    private static Map<String, Object> trimmed(Map<String, String> fields) {
        Map<String, Object> variables = new LinkedHashMap<>();
        fields.forEach((name, value) -> variables.put(name, value.trim()));
        return variables;
    }
}

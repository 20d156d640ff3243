package dev.twilioconnector.sample.security;

import dev.twilioconnector.sample.sandbox.SandboxMode;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The console's login page, in the console's own style. Spring Security's generated page would do, but it
 * styles itself inline, which the Content-Security-Policy forbids. Only outside sandbox mode: the sandbox asks
 * nobody to log in.
 */
@Controller
@ConditionalOnProperty(name = SandboxMode.ENABLED, havingValue = "false", matchIfMissing = true)
public class LoginPage {

    static final String PATH = "/login";

    @GetMapping(PATH)
    public String login() {
        return "login";
    }
}

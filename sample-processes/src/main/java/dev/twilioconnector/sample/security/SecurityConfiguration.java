package dev.twilioconnector.sample.security;

import dev.twilioconnector.flowable.boot.TwilioProperties;
import dev.twilioconnector.sample.sandbox.SandboxMode;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationEntryPoint;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may do what. Twilio's callbacks ({@link TwilioCallbacks}) are open to anyone, without CSRF token: their
 * signature is their lock. Everything else (the console, its forms, the REST API under {@code /process-api},
 * Actuator) needs a login, except in sandbox mode, which listens on loopback only ({@link SandboxMode}) and
 * sends no real SMS. The login is Spring Boot's user ({@code spring.security.user.name} / {@code .password},
 * i.e. {@code SPRING_SECURITY_USER_NAME} / {@code SPRING_SECURITY_USER_PASSWORD}; without a password Boot
 * generates one and prints it at start-up): a login form for browsers, HTTP Basic for scripts.
 * {@code /actuator/health} stays open for load balancers; it shows anonymous callers the status only
 * ({@code management.endpoint.health.show-details}).
 *
 * <p>In both modes the console's forms need their CSRF token (Thymeleaf adds it to every {@code th:action}
 * form), and every response carries {@link #CONTENT_SECURITY_POLICY}, {@code X-Frame-Options: DENY} and
 * {@code X-Content-Type-Options: nosniff}.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    /**
     * The console loads only its own stylesheets, scripts and icon (no inline script or style; the diagrams' bpmn-js is
     * served from here too), posts its forms only to itself, and is never framed.
     */
    public static final String CONTENT_SECURITY_POLICY =
            "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";
    private static final String REALM = "Twilio connector sample";

    @Bean
    @Order(1)
    SecurityFilterChain twilioCallbacks(HttpSecurity http, Environment environment, TwilioProperties twilio) {
        return withSecurityHeaders(http)
                .securityMatcher(TwilioCallbacks.matcher(twilio.webhook(), SandboxMode.isOn(environment)))
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain application(HttpSecurity http, Environment environment) {
        withSecurityHeaders(http).csrf(csrf -> csrf.ignoringRequestMatchers(jsonToTheRestApi()));
        if (SandboxMode.isOn(environment)) {
            return http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll()).build();
        }
        BasicAuthenticationEntryPoint basicChallenge = new BasicAuthenticationEntryPoint();
        basicChallenge.setRealmName(REALM);
        return http
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(EndpointRequest.to("health")).permitAll()
                        // The login page's stylesheet and icon; and the error page, else an open request that Spring MVC
                        // refuses (a webhook call with the wrong method, say) would be answered 401 instead of its error.
                        .requestMatchers("/console.css", "/favicon.svg", "/error").permitAll()
                        .anyRequest().authenticated())
                .formLogin(login -> login.loginPage(LoginPage.PATH).permitAll())
                .logout(logout -> logout.permitAll())
                .httpBasic(basic -> basic.realmName(REALM))
                // Scripts get 401 and a Basic challenge; browsers on the console's pages go to the login page.
                .exceptionHandling(exceptions -> exceptions.defaultAuthenticationEntryPointFor(basicChallenge, scriptRequests()))
                .build();
    }

    private static HttpSecurity withSecurityHeaders(HttpSecurity http) {
        return http.headers(headers -> headers
                .contentSecurityPolicy(policy -> policy.policyDirectives(CONTENT_SECURITY_POLICY))
                .frameOptions(HeadersConfigurer.FrameOptionsConfig::deny)
                .contentTypeOptions(Customizer.withDefaults()));
    }

    /** What scripts call: the REST API, the console's JSON (its diagrams' included) and Actuator. */
    private static RequestMatcher scriptRequests() {
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        return new OrRequestMatcher(paths.matcher("/process-api/**"), paths.matcher("/console/*.json"),
                paths.matcher("/console/instances/*/diagram.json"), EndpointRequest.toAnyEndpoint());
    }

    /**
     * JSON posted to the REST API needs no CSRF token, so {@code curl -u} alone can start a process: a page on
     * another site cannot send it. Its forms and no-cors fetches can only send form, multipart or text bodies;
     * {@code application/json} needs a CORS preflight, which this application never grants. The API reads JSON
     * only, so any other request to it still needs the token.
     */
    private static RequestMatcher jsonToTheRestApi() {
        return new AndRequestMatcher(PathPatternRequestMatcher.withDefaults().matcher("/process-api/**"),
                SecurityConfiguration::sendsJson);
    }

    private static boolean sendsJson(HttpServletRequest request) {
        String contentType = request.getContentType();
        try {
            return contentType != null && MediaType.APPLICATION_JSON.equalsTypeAndSubtype(MediaType.parseMediaType(contentType));
        } catch (InvalidMediaTypeException notAMediaType) {
            return false;
        }
    }
}

package dev.twilioconnector.contract;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Gives contract tests the {@link CheckedTwilio} and a {@link ContractEngine} pointed at it. Both are
 * started once for the whole test run (Prism takes a while to read Twilio's documents) and closed,
 * Prism processes included, when the run ends; each test starts with an empty request journal and a
 * Twilio that holds nothing.
 */
final class TwilioContract implements BeforeEachCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(TwilioContract.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        running(context).twilio().reset();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == CheckedTwilio.class || type == ContractEngine.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Running running = running(context);
        return parameter.getParameter().getType() == CheckedTwilio.class ? running.twilio() : running.engine();
    }

    private static Running running(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).computeIfAbsent(Running.class, key -> Running.start(), Running.class);
    }

    /** Stored in the root context, so JUnit closes it after the last test of the run. */
    record Running(CheckedTwilio twilio, ContractEngine engine) implements AutoCloseable {

        static Running start() {
            Path nodeModules = Path.of(System.getProperty("contract.nodeModules", "node_modules")).toAbsolutePath();
            Path output = Path.of(System.getProperty("contract.output", "target/prism")).toAbsolutePath();
            try {
                CheckedTwilio twilio = CheckedTwilio.start(nodeModules, output);
                try {
                    return new Running(twilio, ContractEngine.start("token", twilio.environment()));
                } catch (RuntimeException e) {
                    twilio.close();
                    throw e;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() {
            try {
                engine.close();
            } finally {
                twilio.close();
            }
        }
    }
}

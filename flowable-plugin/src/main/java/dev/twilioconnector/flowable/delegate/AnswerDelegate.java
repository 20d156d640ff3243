package dev.twilioconnector.flowable.delegate;

import dev.twilioconnector.core.Answer;
import dev.twilioconnector.core.TwilioClient;
import dev.twilioconnector.core.TwilioConnector;
import dev.twilioconnector.flowable.action.TwilioAction;
import org.flowable.engine.delegate.DelegateExecution;

import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * An action that asks Twilio one thing (a message, a list of messages, a verification, a code check): its
 * request made of the task's inputs ({@link TaskRequests}), Twilio's answer as JSON in {@code twilioResult}
 * ({@link OutputJson}).
 *
 * @param <R> the action's request
 * @param <T> what Twilio answers it with
 */
final class AnswerDelegate<R, T> extends ActionDelegate {

    /** Makes the action's request of its task's inputs. */
    @FunctionalInterface
    interface RequestOfInputs<R> {
        /** @throws InputProblem an input cannot become a value of the request */
        R of(TaskInputs inputs, DelegateExecution execution);
    }

    private final RequestOfInputs<R> request;
    private final BiFunction<TwilioClient, R, Answer<T>> ask;
    private final Function<T, String> json;

    /** @param resultWhenRefused {@code twilioResult} when no request could be made: {@code null}, or {@code []} for a list */
    AnswerDelegate(TwilioAction action, String resultWhenRefused, TaskInputs inputs, Supplier<TwilioConnector> connector,
                   RequestOfInputs<R> request, BiFunction<TwilioClient, R, Answer<T>> ask, Function<T, String> json) {
        super(action, resultWhenRefused, inputs, connector);
        this.request = request;
        this.ask = ask;
        this.json = json;
    }

    @Override
    TaskOutcome run(TaskInputs inputs, DelegateExecution execution, TwilioClient client) {
        return outcome(ask.apply(client, request.of(inputs, execution)), json);
    }
}

package dev.twilioconnector.core.template;

import freemarker.core.InvalidReferenceException;
import freemarker.template.ObjectWrapper;
import freemarker.template.SimpleScalar;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateHashModel;
import freemarker.template.TemplateModel;
import freemarker.template.TemplateModelException;

import java.io.IOException;
import java.io.StringWriter;
import java.util.Map;

/** One compiled message template; safe to render from several threads at once. */
public final class SmsTemplate {

    public static final String MISSING_VARIABLE =
            "smsBody template refers to '%s', which is missing or null (line %d, column %d); "
                    + "write ${%s!\"\"} where a value may be absent";
    public static final String RENDER_ERROR = "smsBody template cannot be rendered: %s";
    public static final String RECIPIENT = "recipient";

    private final Template template;
    private final ObjectWrapper wrapper;

    SmsTemplate(Template template, ObjectWrapper wrapper) {
        this.template = template;
        this.wrapper = wrapper;
    }

    /** Prepares {@code variables} once, for rendering to many recipients. */
    public Scope scope(Map<String, ?> variables) throws TemplateProblem {
        try {
            return new Scope((TemplateHashModel) wrapper.wrap(variables == null ? Map.of() : variables));
        } catch (TemplateModelException e) {
            throw new TemplateProblem(RENDER_ERROR.formatted(e.getMessage()), e);
        }
    }

    /** The text for one recipient, who is visible to the template as {@code ${recipient}}. */
    public String render(Scope scope, String recipient) throws TemplateProblem {
        StringWriter out = new StringWriter();
        try {
            template.process(new RecipientModel(scope.variables, recipient), out);
        } catch (InvalidReferenceException e) {
            String blamed = e.getBlamedExpressionString() == null ? "a value" : e.getBlamedExpressionString();
            throw new TemplateProblem(MISSING_VARIABLE.formatted(blamed, e.getLineNumber(), e.getColumnNumber(), blamed), e);
        } catch (TemplateException e) {
            throw new TemplateProblem(RENDER_ERROR.formatted(e.getMessageWithoutStackTop()), e);
        } catch (IOException e) {
            throw new TemplateProblem(RENDER_ERROR.formatted(e.getMessage()), e);
        }
        return out.toString();
    }

    /** The variables of one send, wrapped once. */
    public static final class Scope {
        private final TemplateHashModel variables;

        private Scope(TemplateHashModel variables) {
            this.variables = variables;
        }
    }

    private record RecipientModel(TemplateHashModel variables, String recipient) implements TemplateHashModel {

        @Override
        public TemplateModel get(String key) throws TemplateModelException {
            return RECIPIENT.equals(key) ? new SimpleScalar(recipient) : variables.get(key);
        }

        @Override
        public boolean isEmpty() {
            return false;
        }
    }
}

package dev.twilioconnector.core.template;

import dev.twilioconnector.core.settings.Setting;
import freemarker.core.ParseException;
import freemarker.core.UnboundedConstructs;
import freemarker.core.TemplateClassResolver;
import freemarker.core._CoreAPI;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateExceptionHandler;

import java.io.IOException;
import java.io.StringReader;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Compiles FreeMarker message templates, each source once (a bounded cache keeps the most recent).
 * The configuration reaches no Java class: no {@code ?new}, no {@code ?api}, no static models, no
 * template loading from disk, and beans are seen only through their properties. Every loop, macro and
 * function body gets FreeMarker's thread-interruption check, which is how a rendering that runs past
 * the render timeout is stopped (see {@link SmsTemplate}).
 */
public final class SmsTemplates {

    public static final int DEFAULT_CACHE_SIZE = 512;
    /** How long one rendering may take unless told otherwise ({@code twilio.templates.render-timeout}). */
    public static final Duration DEFAULT_RENDER_TIMEOUT = Setting.TEMPLATES_RENDER_TIMEOUT.duration(Setting.Defaults.RENDER_TIMEOUT);
    public static final String SYNTAX_ERROR = "template has a syntax error at line %d, column %d: %s";
    public static final String TOO_LARGE_TO_COMPILE =
            "template cannot be compiled: a constant in it (such as a slice of a huge range) is larger than the memory available";
    public static final String UNBOUNDED = "template uses %s, which is not allowed: %s";

    private final Configuration configuration;
    private final Map<String, SmsTemplate> cache;
    private final Duration renderTimeout;

    public SmsTemplates() {
        this(DEFAULT_CACHE_SIZE, DEFAULT_RENDER_TIMEOUT);
    }

    public SmsTemplates(int cacheSize) {
        this(cacheSize, DEFAULT_RENDER_TIMEOUT);
    }

    /** Templates whose every rendering may take at most {@code renderTimeout}. */
    public SmsTemplates(Duration renderTimeout) {
        this(DEFAULT_CACHE_SIZE, renderTimeout);
    }

    public SmsTemplates(int cacheSize, Duration renderTimeout) {
        if (renderTimeout == null || renderTimeout.isNegative() || renderTimeout.isZero()) {
            throw new IllegalArgumentException("the render timeout must be positive, was " + renderTimeout);
        }
        this.renderTimeout = renderTimeout;
        Configuration config = new Configuration(Configuration.VERSION_2_3_34);
        config.setObjectWrapper(new SafeObjectWrapper(Configuration.VERSION_2_3_34));
        config.setNewBuiltinClassResolver(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
        config.setAPIBuiltinEnabled(false);
        config.setTemplateLoader(null);
        config.setLocalizedLookup(false);
        config.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        config.setLogTemplateExceptions(false);
        config.setWrapUncheckedExceptions(true);
        config.setLocale(Locale.ROOT);
        // "order 4711", never "order 4,711"
        config.setNumberFormat("computer");
        config.setBooleanFormat("c");
        config.setDateFormat("yyyy-MM-dd");
        config.setTimeFormat("HH:mm");
        config.setDateTimeFormat("yyyy-MM-dd HH:mm");
        this.configuration = config;
        this.cache = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, SmsTemplate> eldest) {
                return size() > cacheSize;
            }
        });
    }

    /** The compiled template for {@code source}, from the cache when it was compiled before. */
    public SmsTemplate compile(String source) throws TemplateProblem {
        SmsTemplate cached = cache.get(source);
        if (cached != null) {
            return cached;
        }
        SmsTemplate compiled = new SmsTemplate(parse(source), configuration.getObjectWrapper(), renderTimeout);
        cache.put(source, compiled);
        return compiled;
    }

    /** The longest one rendering may take. */
    public Duration renderTimeout() {
        return renderTimeout;
    }

    int cachedCount() {
        return cache.size();
    }

    private Template parse(String source) throws TemplateProblem {
        try {
            Template template = new Template("template", new StringReader(source), configuration);
            // Inserts FreeMarker's check of Thread.isInterrupted() at the start of every loop iteration and
            // macro/function body; the render timeout relies on it.
            _CoreAPI.addThreadInterruptedChecks(template);
            Optional<UnboundedConstructs.Finding> unbounded = UnboundedConstructs.in(template);
            if (unbounded.isPresent()) {
                throw new TemplateProblem(UNBOUNDED.formatted(unbounded.get().construct(), unbounded.get().rule()), null);
            }
            return template;
        } catch (ParseException e) {
            throw new TemplateProblem(SYNTAX_ERROR.formatted(e.getLineNumber(), e.getColumnNumber(), e.getEditorMessage()), e);
        } catch (IOException e) {
            throw new TemplateProblem("template cannot be read: " + e.getMessage(), e);
        } catch (OutOfMemoryError | StackOverflowError e) {
            // FreeMarker works out constant expressions while parsing: a literal slice of a huge range is built there.
            throw new TemplateProblem(TOO_LARGE_TO_COMPILE, null);
        }
    }
}

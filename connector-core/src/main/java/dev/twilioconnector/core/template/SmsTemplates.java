package dev.twilioconnector.core.template;

import freemarker.core.ParseException;
import freemarker.core.TemplateClassResolver;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateExceptionHandler;

import java.io.IOException;
import java.io.StringReader;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Compiles FreeMarker message templates, each source once (a bounded cache keeps the most recent).
 * The configuration reaches no Java class: no {@code ?new}, no {@code ?api}, no static models, no
 * template loading from disk, and beans are seen only through their properties.
 */
public final class SmsTemplates {

    public static final int DEFAULT_CACHE_SIZE = 512;
    public static final String SYNTAX_ERROR = "smsBody template has a syntax error at line %d, column %d: %s";

    private final Configuration configuration;
    private final Map<String, SmsTemplate> cache;

    public SmsTemplates() {
        this(DEFAULT_CACHE_SIZE);
    }

    public SmsTemplates(int cacheSize) {
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
        SmsTemplate compiled = new SmsTemplate(parse(source), configuration.getObjectWrapper());
        cache.put(source, compiled);
        return compiled;
    }

    int cachedCount() {
        return cache.size();
    }

    private Template parse(String source) throws TemplateProblem {
        try {
            return new Template("smsBody", new StringReader(source), configuration);
        } catch (ParseException e) {
            throw new TemplateProblem(SYNTAX_ERROR.formatted(e.getLineNumber(), e.getColumnNumber(), e.getEditorMessage()), e);
        } catch (IOException e) {
            throw new TemplateProblem("smsBody template cannot be read: " + e.getMessage(), e);
        }
    }
}

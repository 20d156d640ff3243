package dev.twilioconnector.core.template;

import freemarker.ext.beans.ClassMemberAccessPolicy;
import freemarker.ext.beans.DefaultMemberAccessPolicy;
import freemarker.ext.beans.MemberAccessPolicy;
import freemarker.template.DefaultObjectWrapper;
import freemarker.template.SimpleDate;
import freemarker.template.TemplateDateModel;
import freemarker.template.TemplateModel;
import freemarker.template.TemplateModelException;
import freemarker.template.Version;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Date;

/**
 * Exposes process variables to templates as data only: maps as hashes, lists as sequences, beans by
 * their properties (no methods, no fields, no {@code getClass()}), and every kind of date as a
 * date-time FreeMarker can print without being told what it is.
 */
final class SafeObjectWrapper extends DefaultObjectWrapper {

    SafeObjectWrapper(Version version) {
        super(version);
        setExposureLevel(EXPOSE_PROPERTIES_ONLY);
        setMemberAccessPolicy(new WithoutGetClass(DefaultMemberAccessPolicy.getInstance(version)));
        setExposeFields(false);
        setForceLegacyNonListCollections(false);
        setIterableSupport(true);
        writeProtect();
    }

    @Override
    public TemplateModel wrap(Object value) throws TemplateModelException {
        if (value instanceof java.sql.Date || value instanceof java.sql.Time || value instanceof Timestamp) {
            return super.wrap(value);
        }
        if (value instanceof Date date) {
            return new SimpleDate(date, TemplateDateModel.DATETIME);
        }
        if (value instanceof Instant instant) {
            return new SimpleDate(Date.from(instant), TemplateDateModel.DATETIME);
        }
        if (value instanceof LocalDate localDate) {
            return new SimpleDate(java.sql.Date.valueOf(localDate));
        }
        if (value instanceof LocalDateTime localDateTime) {
            return new SimpleDate(Timestamp.valueOf(localDateTime));
        }
        if (value instanceof ZonedDateTime zoned) {
            return new SimpleDate(Date.from(zoned.toInstant()), TemplateDateModel.DATETIME);
        }
        if (value instanceof OffsetDateTime offset) {
            return new SimpleDate(Date.from(offset.toInstant()), TemplateDateModel.DATETIME);
        }
        return super.wrap(value);
    }

    /**
     * FreeMarker's default policy still allows {@code Object.getClass()}, so a bean's {@code class}
     * property would hand a template the {@link Class} (and from there {@code protectionDomain},
     * {@code package}, {@code superclass}...). This policy hides it on every class.
     */
    private record WithoutGetClass(MemberAccessPolicy delegate) implements MemberAccessPolicy {

        @Override
        public ClassMemberAccessPolicy forClass(Class<?> contextClass) {
            ClassMemberAccessPolicy members = delegate.forClass(contextClass);
            return new ClassMemberAccessPolicy() {
                @Override
                public boolean isMethodExposed(Method method) {
                    return !(method.getName().equals("getClass") && method.getParameterCount() == 0)
                            && members.isMethodExposed(method);
                }

                @Override
                public boolean isConstructorExposed(Constructor<?> constructor) {
                    return members.isConstructorExposed(constructor);
                }

                @Override
                public boolean isFieldExposed(Field field) {
                    return members.isFieldExposed(field);
                }
            };
        }

        @Override
        public boolean isToStringAlwaysExposed() {
            return delegate.isToStringAlwaysExposed();
        }
    }
}

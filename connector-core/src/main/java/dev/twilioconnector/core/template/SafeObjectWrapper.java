package dev.twilioconnector.core.template;

import freemarker.template.DefaultObjectWrapper;
import freemarker.template.SimpleDate;
import freemarker.template.TemplateDateModel;
import freemarker.template.TemplateModel;
import freemarker.template.TemplateModelException;
import freemarker.template.Version;

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
}

package org.safereport.problem;

import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads boolean, whole-number and UUID parameters strictly, and names the parameter when one cannot be read:
 * by itself the framework reads {@code overdue=yes!} as false and answers {@code limit=abc} or a malformed id
 * with a 404 that names nothing. The framework hands the {@link InvalidFieldException} on wrapped, and
 * {@link ProblemMapper} answers it as a 400 naming the parameter. A primitive parameter needs a
 * {@code @DefaultValue}: the one Quarkus REST implies for it is 0, which is no boolean.
 */
@Provider
public class StrictParameters implements ParamConverterProvider {

    private record Reading(Pattern format, String expected, Function<String, ?> read) {
    }

    private static final Reading BOOLEAN = new Reading(Pattern.compile("true|false"), "must be true or false", Boolean::valueOf);
    private static final Reading INT = new Reading(Pattern.compile("-?[0-9]+"), "must be a whole number", Integer::valueOf);
    private static final Reading LONG = new Reading(Pattern.compile("-?[0-9]+"), "must be a whole number", Long::valueOf);
    private static final Reading UUID_READING = new Reading(
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"),
            "must be a UUID such as 3f2c6b1e-8a4d-4c1e-9b7a-2d5e6f708192", UUID::fromString);
    private static final Map<Class<?>, Reading> READINGS = Map.of(Boolean.class, BOOLEAN, boolean.class, BOOLEAN,
            Integer.class, INT, int.class, INT, Long.class, LONG, long.class, LONG, UUID.class, UUID_READING);

    @Override
    @SuppressWarnings("unchecked")
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        Reading reading = READINGS.get(rawType);
        String name = nameOf(annotations);
        if (reading == null || name == null) {
            return null;
        }
        return new ParamConverter<>() {
            @Override
            public T fromString(String value) {
                if (value == null || !reading.format().matcher(value).matches()) {
                    throw new InvalidFieldException(name, reading.expected());
                }
                try {
                    return (T) reading.read().apply(value);
                } catch (NumberFormatException outOfRange) {
                    throw new InvalidFieldException(name, reading.expected());
                }
            }

            @Override
            public String toString(T value) {
                return String.valueOf(value);
            }
        };
    }

    /** The parameter's name as the client sends it; null for what is not a query, path, header or cookie parameter. */
    private static String nameOf(Annotation[] annotations) {
        for (Annotation annotation : annotations) {
            if (annotation instanceof QueryParam query) {
                return query.value();
            } else if (annotation instanceof PathParam path) {
                return path.value();
            } else if (annotation instanceof HeaderParam header) {
                return header.value();
            } else if (annotation instanceof CookieParam cookie) {
                return cookie.value();
            }
        }
        return null;
    }
}

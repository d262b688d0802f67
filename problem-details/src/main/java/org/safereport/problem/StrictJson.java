package org.safereport.problem;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * JSON with a field given twice is refused: it is ambiguous, and Jackson's record reader fails on some
 * duplicates with an error that reads as the server's fault (a 500). With duplicate detection on, the
 * reader stops at the second one, and {@link ProblemMapper} answers a 400 naming the field.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper objectMapper) {
        objectMapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }
}

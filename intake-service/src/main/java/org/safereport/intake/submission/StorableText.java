package org.safereport.intake.submission;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.Pattern;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import static java.lang.annotation.ElementType.ANNOTATION_TYPE;
import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

/**
 * Text that PostgreSQL can store: without a NUL character (U+0000). No keyboard types one, but a client can
 * send one (JSON's {@code \u0000}, a form field's raw bytes), and a text column refuses it: the report must
 * be refused as a field error, not fail when it is stored.
 */
@Documented
@Constraint(validatedBy = {})
@Pattern(regexp = "^[^\\x00]*$")
@ReportAsSingleViolation
@Target({FIELD, METHOD, PARAMETER, TYPE_USE, ANNOTATION_TYPE})
@Retention(RUNTIME)
public @interface StorableText {

    String message() default "must not contain a NUL character";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}

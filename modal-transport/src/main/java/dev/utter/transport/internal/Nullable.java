package dev.utter.transport.internal;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a component of a wire record that may be null: a request field left out of the JSON, or a
 * response field the service may omit. Components without it are always present. The wire-schema
 * test checks this against the {@code required} lists of modal-deploy's OpenAPI files.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Nullable {}

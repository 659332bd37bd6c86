package org.stationd.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a class (or one test method) as a program test: test methods can take a
 * {@link Show.Builder} parameter, a bench in a folder of its own whose shows are closed after the
 * test. See {@link ShowExtension}.
 */
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(ShowExtension.class)
public @interface ProgramTest {
}

package org.yekuo.shared;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Where a page shows a {@link DomainException} its handler lets through, so that the handler need not catch it:
 * {@link #view} renders that view with the {@code refusal} ({@link Refusals.Refusal}) under the refusal's status;
 * {@link #redirect} sends the browser back to an address with the {@code refusal} in the flash, the address's
 * {@code {name}} filled from the request's path variables. On a controller it holds for each of its handlers that
 * says nothing else. A handler that shows a refusal with more (the form as typed) still catches it itself.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface OnRefusal {

    /** The view that shows the refusal, such as {@code stock/refused}. */
    String view() default "";

    /** The address to go back to, such as {@code /stock/requests/{orderId}}. */
    String redirect() default "";
}

package org.yekuo.document.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.core.annotation.AliasFor;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.yekuo.identity.AccessRules;

/**
 * A file added through the API to a node its worker has signed for (a field photo, a scheme drawing): a multipart
 * request, open to node workers, answered 201 with what was filed.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
// @PostMapping is for methods only; its meta-annotation is the one to compose.
@RequestMapping(method = RequestMethod.POST, consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
@PreAuthorize(AccessRules.NODE_WORKERS)
@ResponseStatus(HttpStatus.CREATED)
@interface TaskUpload {

    /** The path under {@code /api}, with the task as {@code {taskId}}. */
    @AliasFor(annotation = RequestMapping.class, attribute = "path")
    String value();
}

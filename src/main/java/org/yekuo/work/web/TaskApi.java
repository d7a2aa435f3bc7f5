package org.yekuo.work.web;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.yekuo.identity.AccessRules;
import org.yekuo.identity.CurrentUsers;
import org.yekuo.intake.SchemeCheck;
import org.yekuo.intake.SchemeChecks;
import org.yekuo.shared.DomainException;
import org.yekuo.work.NodeWork;
import org.yekuo.workflow.WorkItem;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api")
@Tag(name = "Applications", description = "Orders from acceptance to power-on")
class TaskApi {

    private final NodeWork work;
    private final SchemeChecks schemeChecks;
    private final CurrentUsers users;

    TaskApi(NodeWork work, SchemeChecks schemeChecks, CurrentUsers users) {
        this.work = work;
        this.schemeChecks = schemeChecks;
        this.users = users;
    }

    @GetMapping("/tasks")
    @PreAuthorize(AccessRules.NODE_WORKERS)
    @Operation(summary = "My work: nodes signed for by me and nodes waiting for my roles in my scope")
    List<WorkItem> myTasks() {
        return work.myWork(users.require(), 200);
    }

    @PostMapping("/tasks/{taskId}/sign-for")
    @PreAuthorize(AccessRules.NODE_WORKERS)
    @Operation(summary = "Sign for a node before working on it")
    WorkItem signFor(@PathVariable String taskId) {
        return work.signFor(taskId, users.require());
    }

    @GetMapping("/tasks/{taskId}/scheme-check")
    @PreAuthorize(AccessRules.NODE_WORKERS)
    @Operation(summary = "The LV scheme check items the caller's scheme design answers on completion, each with the field names "
            + "of its verdict and note; 404 when the task is not the caller's or its node answers no check")
    SchemeCheck schemeCheckSheet(@PathVariable String taskId) {
        var user = users.require();
        WorkItem item = work.myWork(user, taskId).orElseThrow(() -> DomainException.notFound("workflow.task.not-found", taskId));
        return schemeChecks.sheet(item.orderId().value(), item.nodeCode(), user)
                .orElseThrow(() -> DomainException.notFound("intake.scheme-check.not-asked", taskId));
    }

    @PostMapping("/tasks/{taskId}/complete")
    @PreAuthorize(AccessRules.NODE_WORKERS)
    @Operation(summary = "Complete a node with its required fields (a site survey's measurements as a number with its unit, "
            + "e.g. 35.5 m, 0.4 MVA, 95 mm², or the unit in <field>.unit), repeat-safe with an Idempotency-Key header; an LV scheme design also answers each LV check item "
            + "(GET /api/tasks/{taskId}/scheme-check): check.<clause> = PASSED, FAILED or NOT_APPLICABLE, and check.<clause>.note "
            + "for a fail or an item that does not apply; a failed item keeps the scheme from passing")
    ResponseEntity<Void> complete(@PathVariable String taskId, @RequestBody CompleteRequest request,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        Map<String, String> fields = request.fields() == null ? Map.of() : request.fields();
        var user = users.require();
        try {
            work.complete(taskId, fields, Optional.ofNullable(idempotencyKey), user);
        } catch (DuplicateKeyException e) {
            // The same completion arrived twice at once: the first did the work, and this one answers as it did.
            work.complete(taskId, fields, Optional.ofNullable(idempotencyKey), user);
        }
        return ResponseEntity.noContent().build();
    }

    record CompleteRequest(Map<String, String> fields) {
    }
}

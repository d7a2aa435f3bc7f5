package org.yekuo.collaboration.web;

import java.time.Clock;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.yekuo.collaboration.Coordination;
import org.yekuo.collaboration.CoordinationQuestion;
import org.yekuo.collaboration.QuestionAttachment;
import org.yekuo.deadline.Colour;
import org.yekuo.document.UploadedFile;
import org.yekuo.identity.AccessRules;
import org.yekuo.identity.CurrentUsers;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Coordination questions as JSON (R-COL-3), for every member of staff: asking needs the order in one's scope,
 * answering membership of the department asked, accepting or reopening being the asker. A question outside
 * all of these is not found.
 */
@RestController
@RequestMapping("/api/coordination")
@Tag(name = "coordination", description = "Questions on orders to other departments, answered within 8 working hours or escalated")
class CoordinationApi {

    private final Coordination coordination;
    private final CurrentUsers users;
    private final Clock clock;

    CoordinationApi(Coordination coordination, CurrentUsers users, Clock clock) {
        this.coordination = coordination;
        this.users = users;
        this.clock = clock;
    }

    @GetMapping("/questions")
    @PreAuthorize(AccessRules.ORDER_READERS)
    @Operation(summary = "Questions not yet accepted that the caller sees, open ones first by due time")
    List<QuestionLine> board(@Parameter(description = "only those the caller's own unit must answer") @RequestParam(defaultValue = "false")
            boolean toMe) {
        return coordination.board(users.require(), toMe).stream().map(q -> new QuestionLine(q, q.colour(clock.instant()))).toList();
    }

    @GetMapping("/orders/{orderId}/questions")
    @PreAuthorize(AccessRules.ORDER_READERS)
    @Operation(summary = "An order's questions, newest first (staff in whose scope the order lies)")
    List<QuestionLine> ofOrder(@PathVariable long orderId) {
        return coordination.ofOrder(orderId, users.require()).stream().map(q -> new QuestionLine(q, q.colour(clock.instant()))).toList();
    }

    @PostMapping("/orders/{orderId}/questions")
    @PreAuthorize(AccessRules.NODE_WORKERS)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Ask another department of the company a question on the order; due in 8 working hours")
    QuestionLine ask(@PathVariable long orderId, @RequestBody Coordination.Ask ask) {
        CoordinationQuestion question = coordination.ask(orderId, ask, users.require());
        return new QuestionLine(question, question.colour(clock.instant()));
    }

    @GetMapping("/questions/{id}")
    @PreAuthorize(AccessRules.ORDER_READERS)
    @Operation(summary = "A question with its thread and what the caller may do with it")
    Coordination.Thread thread(@PathVariable long id) {
        return coordination.thread(id, users.require());
    }

    @PostMapping("/questions/{id}/answer")
    @PreAuthorize(AccessRules.NODE_WORKERS)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Answer a question asked of the caller's department")
    void answer(@PathVariable long id, @RequestBody Text answer) {
        coordination.answer(id, answer.text(), users.require());
    }

    @PostMapping("/questions/{id}/accept")
    @PreAuthorize(AccessRules.NODE_WORKERS)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Accept the answer (the asker): the question is closed")
    void accept(@PathVariable long id) {
        coordination.accept(id, users.require());
    }

    @PostMapping("/questions/{id}/reopen")
    @PreAuthorize(AccessRules.NODE_WORKERS)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Reopen the answer with why (the asker): a new 8 working hours start")
    void reopen(@PathVariable long id, @RequestBody Text reason) {
        coordination.reopen(id, reason.text(), users.require());
    }

    @PostMapping(path = "/questions/{id}/entries/{entryId}/attachment", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @PreAuthorize(AccessRules.NODE_WORKERS)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Attach a PDF, JPEG or PNG (at most 20 MB, judged by its content) to the caller's own latest entry of the"
            + " thread: the question, an answer or a reopening; one file an entry. Whoever sees the question downloads it at"
            + " /coordination/{id}/attachments/{documentId}")
    QuestionAttachment attach(@PathVariable long id, @PathVariable long entryId,
            @RequestPart(name = "file", required = false) MultipartFile file) {
        return coordination.attach(id, entryId, UploadedFile.of(file), users.require());
    }

    record Text(String text) {
    }

    record QuestionLine(CoordinationQuestion question, Colour colour) {
    }
}

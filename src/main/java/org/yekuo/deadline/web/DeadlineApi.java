package org.yekuo.deadline.web;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.yekuo.identity.AccessRules;
import org.yekuo.deadline.Colour;
import org.yekuo.deadline.DeadlineBoard;
import org.yekuo.deadline.Deadlines;
import org.yekuo.deadline.DelayExplanation;
import org.yekuo.deadline.DelayExplanations;
import org.yekuo.deadline.OrderDeadlines;
import org.yekuo.identity.CurrentUsers;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api")
@Tag(name = "Deadlines", description = "Node deadlines, three colours, locks and delay explanations (R-SLA-1..4)")
class DeadlineApi {

    private final DeadlineBoard board;
    private final Deadlines deadlines;
    private final DelayExplanations explanations;
    private final CurrentUsers users;

    DeadlineApi(DeadlineBoard board, Deadlines deadlines, DelayExplanations explanations, CurrentUsers users) {
        this.board = board;
        this.deadlines = deadlines;
        this.explanations = explanations;
        this.users = users;
    }

    @GetMapping("/deadlines")
    @PreAuthorize(AccessRules.ORDER_READERS)
    @Operation(summary = "Open nodes of my org scope, most urgent first, filtered by colour, node, role and handler, with counts by colour")
    DeadlineBoard.Page board(@RequestParam Optional<Colour> colour, @RequestParam Optional<String> node,
            @RequestParam Optional<String> role, @RequestParam Optional<String> handler, @RequestParam Optional<String> orderNo,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        return board.search(users.require(), new DeadlineBoard.Filter(colour.orElse(null), node.orElse(null), role.orElse(null),
                handler.orElse(null), orderNo.orElse(null)), page, size);
    }

    @GetMapping("/deadlines/counts")
    @PreAuthorize(AccessRules.ORDER_READERS)
    @Operation(summary = "Open nodes of my org scope by colour")
    DeadlineBoard.Counts counts() {
        return board.counts(users.require());
    }

    @GetMapping("/orders/{orderId}/deadlines")
    @PreAuthorize(AccessRules.ORDER_READERS)
    @Operation(summary = "An order's node deadlines with colours, lock and pause, and its delay explanations")
    OrderDeadlines ofOrder(@PathVariable long orderId) {
        return deadlines.ofOrder(orderId, users.require());
    }

    @PostMapping("/deadlines/{deadlineId}/explanations")
    @PreAuthorize(AccessRules.NODE_WORKERS)
    @Operation(summary = "The handler of a locked (overdue) node files a delay explanation with one of the six categories")
    DelayExplanation file(@PathVariable long deadlineId, @RequestBody ExplanationRequest request) {
        return explanations.file(deadlineId, request.category(), request.explanation(), users.require());
    }

    @GetMapping("/delay-explanations")
    @PreAuthorize("hasRole('LEADER')")
    @Operation(summary = "Delay explanations waiting for my decision, oldest first")
    List<DelayExplanation> pending() {
        return explanations.pending(users.require());
    }

    @PostMapping("/delay-explanations/{id}/approve")
    @PreAuthorize("hasRole('LEADER')")
    @Operation(summary = "Approve with a new deadline (a working day, today or later): the order unlocks")
    DelayExplanation approve(@PathVariable long id, @RequestBody ApprovalRequest request) {
        return explanations.approve(id, request.newDueDate(), request.note(), users.require());
    }

    @PostMapping("/delay-explanations/{id}/reject")
    @PreAuthorize("hasRole('LEADER')")
    @Operation(summary = "Reject with a reason: the order stays locked")
    DelayExplanation reject(@PathVariable long id, @RequestBody RejectionRequest request) {
        return explanations.reject(id, request.note(), users.require());
    }

    record ExplanationRequest(String category, String explanation) {
    }

    record ApprovalRequest(LocalDate newDueDate, String note) {
    }

    record RejectionRequest(String note) {
    }
}

package org.yekuo.collaboration.web;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.yekuo.collaboration.QualityProblem;
import org.yekuo.collaboration.QualityProblems;
import org.yekuo.identity.AccessRules;
import org.yekuo.identity.CurrentUsers;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Quality problems of a completed order as JSON (R-COL-6): read by whoever reads the order, filed by department heads
 * and the leader in charge, each traced through the order's responsibility chain to the person who answers for it.
 */
@RestController
@RequestMapping("/api/orders/{orderId}/quality-problems")
@Tag(name = "quality problems", description = "Problems found on completed orders, traced to the node and person responsible")
class QualityProblemApi {

    private final QualityProblems problems;
    private final CurrentUsers users;

    QualityProblemApi(QualityProblems problems, CurrentUsers users) {
        this.problems = problems;
        this.users = users;
    }

    @GetMapping
    @PreAuthorize(AccessRules.ORDER_READERS)
    @Operation(summary = "The order's quality problems, newest first")
    List<QualityProblem> list(@PathVariable long orderId) {
        return problems.ofOrder(orderId, users.require());
    }

    @PostMapping
    @PreAuthorize(ResponsibilityChainPages.ISSUERS)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "File a quality problem on a completed order: category, description (up to 1000 characters) and the node it is"
            + " traced to (for the department review also the department); answers with the person responsible")
    QualityProblem file(@PathVariable long orderId, @RequestBody QualityProblems.Filing filing) {
        return problems.file(orderId, filing, users.require());
    }
}

package org.yekuo.collaboration.web;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.yekuo.collaboration.ResponsibilityChain;
import org.yekuo.collaboration.ResponsibilityChains;
import org.yekuo.identity.AccessRules;
import org.yekuo.identity.CurrentUsers;
import org.yekuo.shared.DomainException;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * A completed order's responsibility chain as JSON (R-COL-6), for whoever reads the order; department heads and
 * the leader in charge issue it as a signed record of the archive.
 */
@RestController
@RequestMapping("/api/orders/{orderId}/responsibility-chain")
@Tag(name = "responsibility chain", description = "Who did what, when, at each node of a completed order")
class ResponsibilityChainApi {

    private final ResponsibilityChains chains;
    private final CurrentUsers users;

    ResponsibilityChainApi(ResponsibilityChains chains, CurrentUsers users) {
        this.chains = chains;
        this.users = users;
    }

    @GetMapping
    @PreAuthorize(AccessRules.ORDER_READERS)
    @Operation(summary = "The chain written when the order completed, step by step in the order they happened (409 before completion)")
    ResponsibilityChain chain(@PathVariable long orderId) {
        return chains.of(orderId, users.require()).orElseThrow(() -> DomainException.conflict("collaboration.chain.not-completed"));
    }

    @PostMapping("/record")
    @PreAuthorize(ResponsibilityChainPages.ISSUERS)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Issue the chain as a signed PDF record of the order's archive, once; answers the archived document's id")
    Issued issue(@PathVariable long orderId) {
        return new Issued(chains.issueRecord(orderId, users.require()));
    }

    record Issued(long documentId) {
    }
}

package org.yekuo.integration.web;

import java.time.Instant;
import java.util.function.Supplier;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.yekuo.audit.AuditEntry;
import org.yekuo.audit.AuditTrail;
import org.yekuo.integration.internal.InboundUpdates;
import org.yekuo.integration.internal.IntegrationAudit;
import org.yekuo.integration.internal.SupplyWorksMilestone;
import org.yekuo.shared.DomainException;

/**
 * Updates from the utility's other systems (R-X-7), each authenticated by the identity provider's access token
 * (client credentials) with the update's scope, and repeat-safe by the sender's {@code Idempotency-Key}. A
 * refused update changes nothing and is audited with its reason.
 */
@RestController
@RequestMapping("/api/inbound")
@Tag(name = "Inbound updates", description = "Other systems report to Yekuo: OAuth 2.0 bearer tokens (client credentials) with the update's scope")
@SecurityRequirement(name = "clientCredentials")
class InboundApi {

    private final InboundUpdates updates;
    private final AuditTrail audit;

    InboundApi(InboundUpdates updates, AuditTrail audit) {
        this.updates = updates;
        this.audit = audit;
    }

    @PostMapping("/orders/{orderNo}/customer-number")
    @Operation(summary = "The marketing system returns the customer number it assigned to an order (scope yekuo.customer-number)",
            security = @SecurityRequirement(name = "clientCredentials", scopes = "yekuo.customer-number"))
    InboundUpdates.Outcome customerNumber(@PathVariable String orderNo,
            @Parameter(description = "the sender's message id, 8-100 letters, digits . _ : -; a repeat is answered as the first time")
            @RequestHeader(name = "Idempotency-Key", required = false) String messageId,
            @RequestBody CustomerNumber request, @AuthenticationPrincipal Jwt token) {
        String client = client(token);
        return audited(client, "customer-number", orderNo,
                () -> updates.customerNumber(client, orderNo, messageId, request.customerNumber()));
    }

    @PostMapping("/orders/{orderNo}/supply-works")
    @Operation(summary = "The project management system reports a supply-works milestone of an order (scope yekuo.supply-works)",
            security = @SecurityRequirement(name = "clientCredentials", scopes = "yekuo.supply-works"))
    InboundUpdates.Outcome supplyWorks(@PathVariable String orderNo,
            @Parameter(description = "the sender's message id, 8-100 letters, digits . _ : -; a repeat is answered as the first time")
            @RequestHeader(name = "Idempotency-Key", required = false) String messageId,
            @RequestBody Milestone request, @AuthenticationPrincipal Jwt token) {
        String client = client(token);
        return audited(client, "supply-works", orderNo,
                () -> updates.milestone(client, orderNo, messageId, request.milestone(), request.occurredAt(), request.note()));
    }

    /** The sending system: the token's client, as the client-credentials grant names it. */
    private static String client(Jwt token) {
        String client = token.getClaimAsString("client_id");
        if (client == null) {
            client = token.getClaimAsString("azp");
        }
        return client != null ? client : token.getSubject();
    }

    private InboundUpdates.Outcome audited(String client, String kind, String orderNo, Supplier<InboundUpdates.Outcome> update) {
        try {
            return update.get();
        } catch (DomainException e) {
            audit.recordSecurityEvent(client, IntegrationAudit.INBOUND_REFUSED, orderNo == null ? "" : orderNo,
                    "update=" + kind + " reason=" + e.messageKey(), AuditEntry.Outcome.FAILURE);
            throw e;
        }
    }

    record CustomerNumber(@Schema(description = "the marketing system's customer number, 6-40 letters, digits or -",
            example = "3301234567") String customerNumber) {
    }

    record Milestone(
            @Schema(description = "the milestone reached; they come in this order") SupplyWorksMilestone milestone,
            @Schema(description = "when it was reached, not in the future nor before the previous one") Instant occurredAt,
            @Schema(description = "a short note, at most 200 characters") String note) {
    }
}

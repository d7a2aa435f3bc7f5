package org.yekuo.insight.web;

import java.util.Optional;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.yekuo.identity.AccessRules;
import org.yekuo.identity.CurrentUsers;
import org.yekuo.insight.OrderRisk;
import org.yekuo.insight.RiskBoard;
import org.yekuo.insight.RiskForecast;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The risk forecast as JSON, for every member of staff over their org scope. */
@RestController
@RequestMapping("/api/insight")
@Tag(name = "Insight", description = "Risk forecast of open nodes and orders from the history of the same type, node and station")
class InsightApi {

    private final RiskBoard board;
    private final RiskForecast forecast;
    private final CurrentUsers users;

    InsightApi(RiskBoard board, RiskForecast forecast, CurrentUsers users) {
        this.board = board;
        this.forecast = forecast;
        this.users = users;
    }

    @GetMapping("/risk")
    @PreAuthorize(AccessRules.ORDER_READERS)
    @Operation(summary = "Open nodes of my org scope by their risk of finishing late, riskiest first (sort=DUE: most urgent first)")
    RiskBoard.RiskPage board(@Parameter(description = "minimum risk in percent, 0 to 100") @RequestParam Optional<Integer> minRisk,
            @RequestParam Optional<String> node, @RequestParam Optional<String> orderNo,
            @RequestParam Optional<RiskBoard.Sort> sort, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        return board.search(users.require(), new RiskBoard.Filter(minRisk.orElse(null), node.orElse(null), orderNo.orElse(null),
                sort.orElse(null)), page, size);
    }

    @GetMapping("/orders/{orderId}/risk")
    @PreAuthorize(AccessRules.ORDER_READERS)
    @ApiResponse(responseCode = "200", description = "The order's risk, node by node",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = OrderRisk.class)))
    @ApiResponse(responseCode = "204", description = "The order has no open node with a deadline (done, withdrawn or not yet started)",
            content = @Content)
    @Operation(summary = "The risk that an open order finishes late (all its assessed nodes on time, R-SLA-9), node by node; 204 when it has no open node")
    ResponseEntity<OrderRisk> ofOrder(@PathVariable long orderId) {
        return forecast.ofOrder(orderId, users.require()).map(ResponseEntity::ok).orElseGet(() -> ResponseEntity.noContent().build());
    }
}

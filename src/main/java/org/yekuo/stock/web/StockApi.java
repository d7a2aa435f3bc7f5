package org.yekuo.stock.web;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.yekuo.deadline.Colour;
import org.yekuo.identity.AccessRules;
import org.yekuo.identity.CurrentUser;
import org.yekuo.identity.CurrentUsers;
import org.yekuo.stock.BillsOfMaterials;
import org.yekuo.stock.BomLine;
import org.yekuo.stock.DemandForecast;
import org.yekuo.stock.MaterialsCatalogue;
import org.yekuo.stock.StockItem;
import org.yekuo.stock.StockLedger;
import org.yekuo.stock.StockLevel;
import org.yekuo.stock.StockLevels;
import org.yekuo.stock.StockRequest;
import org.yekuo.stock.StockRequests;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Stock and bills of materials as JSON (R-COL-2): the catalogue for every member of staff; the bill of
 * materials for the designer holding the scheme design node; requests, levels and receipts for the
 * materials clerk, each over the caller's data scope.
 */
@RestController
@RequestMapping("/api/stock")
@Tag(name = "stock", description = "Materials catalogue, bills of materials, stock requests, levels and procurement warnings")
class StockApi {

    private final MaterialsCatalogue catalogue;
    private final BillsOfMaterials boms;
    private final StockRequests requests;
    private final StockLevels levels;
    private final StockLedger ledger;
    private final DemandForecast forecast;
    private final CurrentUsers users;
    private final Clock clock;

    StockApi(MaterialsCatalogue catalogue, BillsOfMaterials boms, StockRequests requests, StockLevels levels, StockLedger ledger,
            DemandForecast forecast, CurrentUsers users, Clock clock) {
        this.forecast = forecast;
        this.catalogue = catalogue;
        this.boms = boms;
        this.requests = requests;
        this.levels = levels;
        this.ledger = ledger;
        this.users = users;
        this.clock = clock;
    }

    @GetMapping("/items")
    @PreAuthorize(AccessRules.STAFF)
    @Operation(summary = "The materials catalogue: meter types, cables by spec, switchgear, transformers (every member of staff)")
    List<StockItem> items() {
        return catalogue.items();
    }

    @GetMapping("/orders/{orderId}/bom")
    @PreAuthorize(AccessRules.ORDER_READERS)
    @Operation(summary = "An order's bill of materials (staff in whose scope the order lies)")
    List<BomLine> bom(@PathVariable long orderId) {
        return boms.of(orderId, users.require());
    }

    @PostMapping("/tasks/{taskId}/bom")
    @PreAuthorize(StockPages.DESIGNERS)
    @Operation(summary = "Set how many of a catalogue item the scheme needs (the designer holding the scheme design node)")
    BomLine setLine(@PathVariable String taskId, @RequestBody LineInput input) {
        return boms.set(taskId, input.itemCode(), input.quantity(), users.require());
    }

    @DeleteMapping("/tasks/{taskId}/bom/{lineId}")
    @PreAuthorize(StockPages.DESIGNERS)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Remove a line of the bill of materials (the designer holding the scheme design node)")
    void removeLine(@PathVariable String taskId, @PathVariable long lineId) {
        boms.remove(taskId, lineId, users.require());
    }

    @GetMapping("/requests")
    @PreAuthorize(StockPages.STOCK_READERS)
    @Operation(summary = "Bills of materials at stock not yet issued, the most urgent first, with the colour of the clerk's step")
    List<RequestLine> requests() {
        return requests.open(users.require()).stream().map(r -> new RequestLine(r, r.colour(clock.instant()), r.dueAt())).toList();
    }

    @GetMapping("/requests/{orderId}")
    @PreAuthorize(StockPages.STOCK_READERS)
    @Operation(summary = "One order's request: its lines, what was short, what is reserved")
    RequestDetail request(@PathVariable long orderId) {
        CurrentUser user = users.require();
        StockRequest request = requests.get(orderId, user);
        return new RequestDetail(request, request.colour(clock.instant()), boms.of(orderId, user), requests.shortfalls(request),
                ledger.reservations(orderId));
    }

    @PostMapping("/requests/{orderId}/confirm")
    @PreAuthorize(StockPages.CLERKS)
    @Operation(summary = "Check stock: reserve every line from the warehouse, or mark the request short with what is missing")
    Confirmation confirm(@PathVariable long orderId, @RequestBody WarehouseChoice choice) {
        List<StockRequests.Shortfall> shortfalls = requests.confirm(orderId, choice.warehouseId(), users.require());
        return new Confirmation(shortfalls.isEmpty() ? StockRequest.Status.RESERVED : StockRequest.Status.SHORT, shortfalls);
    }

    @PostMapping("/requests/{orderId}/alternative")
    @PreAuthorize(StockPages.CLERKS)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Propose an alternative for a short request: replace the short items and reserve the whole bill")
    void alternative(@PathVariable long orderId, @RequestBody StockRequests.Alternative alternative) {
        requests.proposeAlternative(orderId, alternative, users.require());
    }

    @PostMapping("/requests/{orderId}/issue")
    @PreAuthorize(StockPages.CLERKS)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Issue the reserved items to the order's works")
    void issue(@PathVariable long orderId) {
        requests.issue(orderId, users.require());
    }

    @PostMapping("/requests/{orderId}/returns")
    @PreAuthorize(StockPages.CLERKS)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Record that an item issued beyond the order's revised bill came back to stock (materials clerk, in scope)")
    void receiveReturn(@PathVariable long orderId, @RequestBody ReturnInput input) {
        requests.receiveReturn(orderId, input == null ? null : input.itemCode(), users.require());
    }

    @PostMapping("/requests/{orderId}/explanation")
    @PreAuthorize(StockPages.CLERKS)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Explain why a step of a locked request went overdue: a delay category and what happened")
    void explain(@PathVariable long orderId, @RequestBody Explanation explanation) {
        requests.explain(orderId, explanation.category(), explanation.reason(), users.require());
    }

    @PostMapping("/requests/{orderId}/unlock")
    @PreAuthorize(StockPages.LEADERS)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Accept the clerk's explanation and unlock the request (the leader in charge)")
    void unlock(@PathVariable long orderId) {
        requests.unlock(orderId, users.require());
    }

    @GetMapping("/levels")
    @PreAuthorize(StockPages.STOCK_READERS)
    @Operation(summary = "Stock levels of the warehouses the caller draws on; with warnings=true only those below their threshold")
    List<StockLevel> levels(@Parameter(description = "only procurement warnings") @RequestParam(defaultValue = "false") boolean warnings) {
        return warnings ? levels.warnings(users.require()) : levels.of(users.require());
    }

    @GetMapping("/forecast")
    @PreAuthorize(StockPages.STOCK_READERS)
    @Operation(summary = "Demand forecast per item for the next 4 weeks: open bills not yet reserved plus past weekly consumption,"
            + " against free stock; shortages first")
    List<DemandForecast.ItemForecast> forecast() {
        return forecast.of(users.require());
    }

    @PostMapping("/receipts")
    @PreAuthorize(StockPages.CLERKS)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Goods received into a warehouse")
    void receive(@RequestBody GoodsReceipt receipt) {
        levels.receive(receipt.warehouseId(), receipt.itemCode(), receipt.quantity(), users.require());
    }

    record LineInput(String itemCode, BigDecimal quantity) {
    }

    record ReturnInput(String itemCode) {
    }

    record Explanation(String category, String reason) {
    }

    record WarehouseChoice(Long warehouseId) {
    }

    record GoodsReceipt(Long warehouseId, String itemCode, BigDecimal quantity) {
    }

    record RequestLine(StockRequest request, Colour colour, java.time.Instant dueAt) {
    }

    record RequestDetail(StockRequest request, Colour colour, List<BomLine> lines, List<StockRequests.Shortfall> shortfalls,
            List<StockLedger.Reservation> reservations) {
    }

    record Confirmation(StockRequest.Status status, List<StockRequests.Shortfall> shortfalls) {
    }
}

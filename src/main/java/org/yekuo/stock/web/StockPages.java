package org.yekuo.stock.web;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.yekuo.identity.CurrentUser;
import org.yekuo.intake.Application;
import org.yekuo.intake.Orders;
import org.yekuo.identity.CurrentUsers;
import org.yekuo.shared.DomainException;
import org.yekuo.shared.OnRefusal;
import org.yekuo.shared.Refusals;
import org.yekuo.stock.BillsOfMaterials;
import org.yekuo.stock.DemandForecast;
import org.yekuo.stock.MaterialsCatalogue;
import org.yekuo.stock.StockLedger;
import org.yekuo.stock.StockLevels;
import org.yekuo.stock.StockRequest;
import org.yekuo.stock.StockRequests;
import org.yekuo.stock.Warehouse;
import org.yekuo.workflow.WorkItem;

/**
 * The stock pages: the designer's bill of materials beside the scheme design node, the materials clerk's
 * requests with the colour of their step, one request to confirm, replace or issue, and the levels with
 * their procurement warnings.
 */
@Controller
@RequestMapping("/stock")
class StockPages {

    static final String DESIGNERS = "hasRole('DESIGNER')";
    static final String CLERKS = "hasRole('MATERIALS_CLERK')";
    static final String LEADERS = "hasRole('LEADER')";
    /** Who follows stock: the clerks, and the heads and leaders who chase them. */
    static final String STOCK_READERS = "hasAnyRole('MATERIALS_CLERK', 'DEPARTMENT_HEAD', 'LEADER', 'ADMIN')";

    private final MaterialsCatalogue catalogue;
    private final BillsOfMaterials boms;
    private final StockRequests requests;
    private final StockLevels levels;
    private final StockLedger ledger;
    private final CurrentUsers users;
    private final Refusals refusals;
    private final Orders orders;
    private final DemandForecast forecast;
    private final Clock clock;

    StockPages(MaterialsCatalogue catalogue, BillsOfMaterials boms, StockRequests requests, StockLevels levels, StockLedger ledger,
            CurrentUsers users, Refusals refusals, Orders orders, DemandForecast forecast, Clock clock) {
        this.forecast = forecast;
        this.orders = orders;
        this.catalogue = catalogue;
        this.boms = boms;
        this.requests = requests;
        this.levels = levels;
        this.ledger = ledger;
        this.users = users;
        this.refusals = refusals;
        this.clock = clock;
    }

    @GetMapping("/tasks/{taskId}/bom")
    @PreAuthorize(DESIGNERS)
    @OnRefusal(view = "stock/refused")
    String bom(@PathVariable String taskId, Model model) {
        CurrentUser user = users.require();
        WorkItem task = boms.designTask(taskId, user);
        model.addAttribute("task", task);
        model.addAttribute("orderNo", orders.find(task.orderId().value()).map(Application::orderNo).orElse(null));
        model.addAttribute("lines", boms.of(task.orderId().value(), user));
        model.addAttribute("pushed", requests.find(task.orderId().value()).isPresent());
        model.addAttribute("items", catalogue.items());
        return "stock/bom";
    }

    @PostMapping("/tasks/{taskId}/bom")
    @PreAuthorize(DESIGNERS)
    String setLine(@PathVariable String taskId, @RequestParam(required = false) String itemCode,
            @RequestParam(required = false) String quantity, Locale locale, RedirectAttributes redirect) {
        try {
            boms.set(taskId, itemCode, number("quantity", quantity), users.require());
            redirect.addFlashAttribute("notice", "stock.bom.saved");
        } catch (DomainException e) {
            redirect.addFlashAttribute("refusal", refusals.explain(e, locale));
            redirect.addFlashAttribute("entered", Map.of("itemCode", itemCode == null ? "" : itemCode, "quantity",
                    quantity == null ? "" : quantity));
        }
        return "redirect:/stock/tasks/" + taskId + "/bom";
    }

    @PostMapping("/tasks/{taskId}/bom/{lineId}/remove")
    @PreAuthorize(DESIGNERS)
    @OnRefusal(redirect = "/stock/tasks/{taskId}/bom")
    String removeLine(@PathVariable String taskId, @PathVariable long lineId, RedirectAttributes redirect) {
        boms.remove(taskId, lineId, users.require());
        redirect.addFlashAttribute("notice", "stock.bom.removed");
        return "redirect:/stock/tasks/" + taskId + "/bom";
    }

    @GetMapping("/requests")
    @PreAuthorize(STOCK_READERS)
    String requests(Model model) {
        List<StockRequest> open = requests.open(users.require());
        model.addAttribute("requests", open);
        model.addAttribute("revised", requests.revised(open));
        model.addAttribute("now", clock.instant());
        return "stock/requests";
    }

    @GetMapping("/requests/{orderId}")
    @PreAuthorize(STOCK_READERS)
    @OnRefusal(view = "stock/refused")
    String request(@PathVariable long orderId, Model model, Locale locale) {
        CurrentUser user = users.require();
        StockRequest request = requests.get(orderId, user);
        List<Warehouse> warehouses = catalogue.warehouses(user.scope());
        model.addAttribute("request", request);
        model.addAttribute("colour", request.colour(clock.instant()));
        model.addAttribute("lines", boms.of(orderId, user));
        model.addAttribute("shortfalls", requests.shortfalls(request));
        model.addAttribute("lineStates", lineStates(orderId, request));
        model.addAttribute("revisions", requests.revisions(request));
        Map<Long, BigDecimal> toReturn = requests.toReturn(orderId);
        model.addAttribute("returns", toReturn.entrySet().stream().map(e -> Map.entry(catalogue.itemById(e.getKey()).orElseThrow(),
                e.getValue())).toList());
        model.addAttribute("warehouses", warehouses);
        model.addAttribute("warehouseNames", warehouses.stream().collect(Collectors.toMap(Warehouse::id, w -> w.name(locale))));
        model.addAttribute("suggested", suggested(warehouses, request));
        model.addAttribute("items", catalogue.items());
        model.addAttribute("mayAct", user.has(org.yekuo.identity.Role.MATERIALS_CLERK));
        model.addAttribute("mayUnlock", user.has(org.yekuo.identity.Role.LEADER));
        model.addAttribute("delayCategories", org.yekuo.deadline.DelayCategory.values());
        return "stock/request";
    }

    /**
     * Each line's state at stock: issued, reserved, or — after a revision asked for more than the order holds — still to be
     * confirmed.
     */
    private Map<Long, String> lineStates(long orderId, StockRequest request) {
        Map<Long, BigDecimal> held = new HashMap<>();
        Map<Long, BigDecimal> issued = new HashMap<>();
        ledger.reservations(orderId).forEach(r -> {
            held.merge(r.itemId(), r.quantity(), BigDecimal::add);
            issued.merge(r.itemId(), r.issued(), BigDecimal::add);
        });
        Map<Long, String> states = new HashMap<>();
        boms.of(orderId).forEach(l -> {
            BigDecimal h = held.getOrDefault(l.item().id(), BigDecimal.ZERO);
            if (h.signum() > 0) {
                states.put(l.item().id(), h.compareTo(l.quantity()) < 0 ? "stock.to-confirm"
                        : issued.get(l.item().id()).compareTo(l.quantity()) >= 0 ? "stock.issued" : "stock.reserved");
            }
        });
        return states;
    }

    /** The order's own station's warehouse when there is one, else the company's. */
    private static Long suggested(List<Warehouse> warehouses, StockRequest request) {
        return warehouses.stream().filter(w -> w.kind() == Warehouse.Kind.STATION && request.orgPath().startsWith(w.orgPath()))
                .findFirst().or(() -> warehouses.stream().filter(w -> w.kind() == Warehouse.Kind.COMPANY).findFirst())
                .map(Warehouse::id).orElse(null);
    }

    @PostMapping("/requests/{orderId}/confirm")
    @PreAuthorize(CLERKS)
    @OnRefusal(redirect = "/stock/requests/{orderId}")
    String confirm(@PathVariable long orderId, @RequestParam(required = false) Long warehouseId,
            RedirectAttributes redirect) {
        boolean reserved = requests.confirm(orderId, warehouseId, users.require()).isEmpty();
        redirect.addFlashAttribute("notice", reserved ? "stock.request.reserved-notice" : "stock.request.short-notice");
        return "redirect:/stock/requests/" + orderId;
    }

    @PostMapping("/requests/{orderId}/alternative")
    @PreAuthorize(CLERKS)
    @OnRefusal(redirect = "/stock/requests/{orderId}")
    String alternative(@PathVariable long orderId, @RequestParam(required = false) Long warehouseId,
            @RequestParam(required = false) List<String> replaces, @RequestParam(required = false) List<String> itemCode,
            @RequestParam(required = false) List<String> quantity, @RequestParam(required = false) String note,
            RedirectAttributes redirect) {
        List<StockRequests.Substitution> substitutions = new java.util.ArrayList<>();
        int n = replaces == null ? 0 : replaces.size();
        for (int i = 0; i < n; i++) {
            String code = itemCode != null && i < itemCode.size() ? itemCode.get(i) : null;
            String q = quantity != null && i < quantity.size() ? quantity.get(i) : null;
            // A short line the clerk keeps ("keep the item") is not part of the proposal, whatever its quantity says.
            if (code == null || code.isBlank()) {
                continue;
            }
            substitutions.add(new StockRequests.Substitution(replaces.get(i), code,
                    number("substitutions[" + substitutions.size() + "].quantity", q)));
        }
        requests.proposeAlternative(orderId, new StockRequests.Alternative(warehouseId, substitutions, note), users.require());
        redirect.addFlashAttribute("notice", "stock.alternative.saved");
        return "redirect:/stock/requests/" + orderId;
    }

    @PostMapping("/requests/{orderId}/issue")
    @PreAuthorize(CLERKS)
    @OnRefusal(redirect = "/stock/requests/{orderId}")
    String issue(@PathVariable long orderId, RedirectAttributes redirect) {
        requests.issue(orderId, users.require());
        redirect.addFlashAttribute("notice", "stock.request.issued-notice");
        return "redirect:/stock/requests/" + orderId;
    }

    @PostMapping("/requests/{orderId}/returns")
    @PreAuthorize(CLERKS)
    @OnRefusal(redirect = "/stock/requests/{orderId}")
    String receiveReturn(@PathVariable long orderId, @RequestParam(required = false) String itemCode,
            RedirectAttributes redirect) {
        requests.receiveReturn(orderId, itemCode, users.require());
        redirect.addFlashAttribute("notice", "stock.return.notice");
        return "redirect:/stock/requests/" + orderId;
    }

    @PostMapping("/requests/{orderId}/explanation")
    @PreAuthorize(CLERKS)
    @OnRefusal(redirect = "/stock/requests/{orderId}")
    String explain(@PathVariable long orderId, @RequestParam(required = false) String category,
            @RequestParam(required = false) String reason, RedirectAttributes redirect) {
        requests.explain(orderId, category, reason, users.require());
        redirect.addFlashAttribute("notice", "stock.lock.explained-notice");
        return "redirect:/stock/requests/" + orderId;
    }

    @PostMapping("/requests/{orderId}/unlock")
    @PreAuthorize(LEADERS)
    @OnRefusal(redirect = "/stock/requests/{orderId}")
    String unlock(@PathVariable long orderId, RedirectAttributes redirect) {
        requests.unlock(orderId, users.require());
        redirect.addFlashAttribute("notice", "stock.lock.unlocked-notice");
        return "redirect:/stock/requests/" + orderId;
    }

    @GetMapping("/levels")
    @PreAuthorize(STOCK_READERS)
    String levels(Model model, Locale locale) {
        CurrentUser user = users.require();
        model.addAttribute("levels", levels.of(user));
        model.addAttribute("warnings", levels.warnings(user));
        model.addAttribute("warehouses", catalogue.warehouses(user.scope()));
        model.addAttribute("items", catalogue.items());
        model.addAttribute("mayAct", user.has(org.yekuo.identity.Role.MATERIALS_CLERK));
        return "stock/levels";
    }

    @GetMapping("/forecast")
    @PreAuthorize(STOCK_READERS)
    String forecast(Model model) {
        model.addAttribute("forecast", forecast.of(users.require()));
        return "stock/forecast";
    }

    @PostMapping("/receipts")
    @PreAuthorize(CLERKS)
    @OnRefusal(redirect = "/stock/levels")
    String receive(@RequestParam(required = false) Long warehouseId, @RequestParam(required = false) String itemCode,
            @RequestParam(required = false) String quantity, RedirectAttributes redirect) {
        levels.receive(warehouseId, itemCode, number("quantity", quantity), users.require());
        redirect.addFlashAttribute("notice", "stock.receipt.saved");
        return "redirect:/stock/levels";
    }

    /** A number typed into a form; empty is missing, anything else that is not a number is refused by name. */
    private static BigDecimal number(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            throw DomainException.invalid(field, "stock.quantity.not-a-number", text.strip());
        }
    }
}

package org.yekuo.work.web;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.yekuo.catalogue.Catalogue;
import org.yekuo.deadline.Deadlines;
import org.yekuo.document.DrawingKind;
import org.yekuo.document.FieldPhotos;
import org.yekuo.document.PhotoKind;
import org.yekuo.identity.AccessRules;
import org.yekuo.identity.CurrentUsers;
import org.yekuo.intake.NodeRecording;
import org.yekuo.intake.OrderView;
import org.yekuo.intake.Orders;
import org.yekuo.intake.SchemeChecks;
import org.yekuo.intake.TaskContext;
import org.yekuo.intake.TaskContexts;
import org.yekuo.shared.DomainException;
import org.yekuo.shared.OnRefusal;
import org.yekuo.shared.Refusals;
import org.yekuo.work.NodeWork;
import org.yekuo.workflow.OrderId;
import org.yekuo.workflow.WorkItem;
import org.yekuo.workflow.WorkList;

/**
 * The field's pages: my work, and each node's form with what the node needs to be done. A refusal shows on the
 * refused page or back on the node's page (OnRefusal); completing a node catches its own, to show the form as typed.
 */
@Controller
class TaskPages {

    private static final int WORK_PAGE_SIZE = 50;

    private final NodeWork work;
    private final NodeRecording recording;
    private final Orders orders;
    private final FieldPhotos photos;
    private final TaskContexts contexts;
    private final SchemeChecks schemeChecks;
    private final Catalogue catalogue;
    private final Deadlines deadlines;
    private final WorkList workList;
    private final CurrentUsers users;
    private final Refusals refusals;
    private final Clock clock;

    TaskPages(NodeWork work, NodeRecording recording, Orders orders, FieldPhotos photos, TaskContexts contexts,
            SchemeChecks schemeChecks, Catalogue catalogue, Deadlines deadlines, WorkList workList, CurrentUsers users,
            Refusals refusals, Clock clock) {
        this.work = work;
        this.recording = recording;
        this.orders = orders;
        this.photos = photos;
        this.contexts = contexts;
        this.schemeChecks = schemeChecks;
        this.catalogue = catalogue;
        this.deadlines = deadlines;
        this.workList = workList;
        this.users = users;
        this.refusals = refusals;
        this.clock = clock;
    }

    @GetMapping("/tasks")
    @PreAuthorize(AccessRules.ORDER_READERS)
    String myWork(@RequestParam(defaultValue = "0") int page, @RequestParam(required = false) String completed, Model model) {
        var user = users.require();
        // A node completed from the phone's outbox comes back here by name; it is said done only when it no longer waits.
        if (completed != null && work.myWork(user, completed).isEmpty()) {
            model.addAttribute("notice", "intake.page.completed");
        }
        // One page at a time, like the other lists: rendering a line costs more than reading it.
        WorkList.WorkPage result = workList.page(user, Math.max(page, 0), WORK_PAGE_SIZE);
        List<WorkItem> items = result.items();
        // The field needs the order number and the address to find the site, not the internal id: one read
        // for the whole list; an order out of reach leaves its line without them rather than failing the list.
        Map<Long, Orders.OrderHeadline> ordersOfItems = orders.headlines(items.stream().map(WorkItem::orderId).filter(Objects::nonNull).map(OrderId::value).toList(),
                user);
        model.addAttribute("result", result);
        // Joined here rather than looked up per line in the template, where each look-up costs far more.
        model.addAttribute("lines", WorkLine.of(items, ordersOfItems,
                deadlines.ofTasks(items.stream().map(i -> i.taskId().value()).toList()), clock.instant()));
        return "intake/tasks";
    }

    @GetMapping("/tasks/{taskId}")
    @PreAuthorize(AccessRules.ORDER_READERS)
    @OnRefusal(view = "intake/refused")
    String task(@PathVariable String taskId, Model model, Locale locale) {
        WorkItem item = work.myWork(users.require(), taskId)
                .orElseThrow(() -> DomainException.notFound("workflow.task.not-found", taskId));
        return taskForm(item, Map.of(), model, locale);
    }

    @PostMapping("/tasks/{taskId}/sign-for")
    @OnRefusal(redirect = "/tasks/{taskId}")
    String signFor(@PathVariable String taskId, RedirectAttributes redirect) {
        work.signFor(taskId, users.require());
        redirect.addFlashAttribute("notice", "intake.page.signed-for");
        return "redirect:/tasks/" + taskId;
    }

    @PostMapping("/tasks/{taskId}/complete")
    String complete(@PathVariable String taskId, @RequestParam Map<String, String> fields, Model model, Locale locale,
            HttpServletResponse response, RedirectAttributes redirect) {
        var user = users.require();
        WorkItem item = work.myWork(user, taskId).orElse(null);
        try {
            work.complete(taskId, fields, user);
            redirect.addFlashAttribute("notice", "intake.page.completed");
            return "redirect:/tasks";
        } catch (DomainException e) {
            if (item == null) {
                redirect.addFlashAttribute("refusal", refusals.explain(e, locale));
                return "redirect:/tasks";
            }
            response.setStatus(e.status().value());
            model.addAttribute("refusal", refusals.explain(e, locale));
            return taskForm(item, fields, model, locale);
        }
    }


    private String taskForm(WorkItem item, Map<String, String> entered, Model model, Locale locale) {
        OrderView order = orders.view(item.orderId().value(), users.require());
        TaskContext context = contexts.forNode(item.orderId().value(), item.nodeCode(), users.require(), locale);
        model.addAttribute("context", context);
        // The designer answers the LV check with the scheme; every node after the design reads it beside the scheme.
        model.addAttribute("schemeCheck", item.signedFor() ? schemeChecks.sheet(item.orderId().value(), item.nodeCode(), users.require()).orElse(null) : null);
        model.addAttribute("checkedScheme", context.hasScheme() ? schemeChecks.latest(item.orderId().value(), users.require()).orElse(null) : null);
        model.addAttribute("item", item);
        model.addAttribute("order", order);
        model.addAttribute("deadline", deadlines.ofTasks(List.of(item.taskId().value())).get(item.taskId().value()));
        model.addAttribute("orderLocked", deadlines.isLocked(item.orderId().value()));
        model.addAttribute("fields", recording.fieldsOf(item.nodeCode(), item.orderId().value()));
        // What the user just entered, else what this node recorded the last time (a revision starts from it).
        model.addAttribute("entered", entered.isEmpty() ? context.earlier() : entered);
        model.addAttribute("materialNames", materialNames(locale));
        model.addAttribute("photos", photos.ofOrder(item.orderId().value(), users.require()).stream()
                .filter(p -> p.nodeCode().equals(item.nodeCode())).toList());
        model.addAttribute("photoKinds", PhotoKind.values());
        model.addAttribute("drawingKinds", DrawingKind.values());
        return "intake/task";
    }

    private Map<String, String> materialNames(Locale locale) {
        Map<String, String> names = new HashMap<>();
        catalogue.materials().forEach(m -> names.put(m.code(), m.name(locale)));
        return names;
    }
}

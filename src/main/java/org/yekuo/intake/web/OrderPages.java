package org.yekuo.intake.web;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.yekuo.audit.AuditSentences;
import org.yekuo.audit.AuditTrail;
import org.yekuo.catalogue.Catalogue;
import org.yekuo.catalogue.KeyNode;
import org.yekuo.document.ArchiveShelf;
import org.yekuo.document.Documents;
import org.yekuo.document.UploadedFile;
import org.yekuo.identity.CurrentUser;
import org.yekuo.identity.AccessRules;
import org.yekuo.identity.CurrentUsers;
import org.yekuo.identity.Role;
import org.yekuo.intake.OrderSummary;
import org.yekuo.intake.ApplicationIntake;
import org.yekuo.intake.ApplicationStatus;
import org.yekuo.document.FieldPhotos;
import org.yekuo.intake.MaterialChases;
import org.yekuo.intake.MaterialSupply;
import org.yekuo.intake.OrderPageContribution;
import org.yekuo.intake.OrderProgress;
import org.yekuo.intake.OrderView;
import org.yekuo.intake.Orders;
import org.yekuo.intake.RecordedOutcome;
import org.yekuo.intake.SchemeChecks;
import org.yekuo.intake.TaskContexts;
import org.yekuo.shared.DomainException;
import org.yekuo.shared.OnRefusal;
import org.yekuo.shared.PublicAddress;
import org.yekuo.shared.QrCodes;
import org.yekuo.shared.Refusals;
import org.yekuo.workflow.ProcessDiagrams;

/**
 * The counter's pages: order list, acceptance form, order page. A refusal shows on the refused page or back on the
 * order page (OnRefusal); the list and the acceptance form catch theirs, to show them above the filters or the form
 * as typed. The modules that keep an order's time add to the list and the order page (colours, the deadline card)
 * through {@link OrderPageContribution}.
 */
@Controller
class OrderPages {

    private static final int PAGE_SIZE = 20;

    private final ApplicationIntake intake;
    private final Orders orders;
    private final MaterialSupply supply;
    private final FieldPhotos photos;
    private final OrderProgress progress;
    private final Catalogue catalogue;
    private final ProcessDiagrams diagrams;
    private final AuditTrail audit;
    private final AuditSentences sentences;
    private final CurrentUsers users;
    private final Refusals refusals;
    private final MessageSource messages;
    private final List<OrderPageContribution> contributions;
    private final TaskContexts contexts;
    private final PublicAddress publicAddress;
    private final MaterialChases chases;
    private final Documents documents;
    private final SchemeChecks schemeChecks;

    OrderPages(ApplicationIntake intake, Orders orders, MaterialSupply supply, FieldPhotos photos,
            OrderProgress progress,
            Catalogue catalogue, ProcessDiagrams diagrams, AuditTrail audit, AuditSentences sentences, CurrentUsers users, Refusals refusals,
            MessageSource messages, List<OrderPageContribution> contributions, TaskContexts contexts, PublicAddress publicAddress,
            MaterialChases chases, Documents documents, SchemeChecks schemeChecks) {
        this.schemeChecks = schemeChecks;
        this.documents = documents;
        this.chases = chases;
        this.publicAddress = publicAddress;
        this.contexts = contexts;
        this.contributions = contributions;
        this.intake = intake;
        this.orders = orders;
        this.supply = supply;
        this.photos = photos;
        this.progress = progress;
        this.catalogue = catalogue;
        this.diagrams = diagrams;
        this.audit = audit;
        this.sentences = sentences;
        this.users = users;
        this.refusals = refusals;
        this.messages = messages;
    }

    @GetMapping("/orders")
    @PreAuthorize(AccessRules.ORDER_READERS)
    String list(@ModelAttribute OrderSearchForm search, @RequestParam(defaultValue = "0") int page, Model model, Locale locale,
            HttpServletResponse response) {
        int shown = Math.max(page, 0);
        model.addAttribute("search", search);
        model.addAttribute("typeNames", typeNames(locale));
        model.addAttribute("types", catalogue.types());
        model.addAttribute("nodes", KeyNode.values());
        model.addAttribute("statuses", ApplicationStatus.values());
        model.addAttribute("canAccept", users.require().has(Role.CLERK));
        Orders.OrderPage result;
        try {
            result = orders.list(users.require(), search.toSearch(), shown, PAGE_SIZE);
        } catch (DomainException e) {
            response.setStatus(e.status().value());
            model.addAttribute("refusal", refusals.explain(e, locale));
            result = new Orders.OrderPage(List.of(), 0, 0, PAGE_SIZE);
        }
        model.addAttribute("result", result);
        // Each open order's worst colour from the deadline module, for the page at once rather than per row.
        List<Long> open = result.orders().stream().filter(o -> o.status().open()).map(OrderSummary::id).toList();
        contributions.forEach(c -> model.addAllAttributes(c.orderList(open)));
        return "intake/orders";
    }

    @PostMapping("/orders/{id}/chase")
    @PreAuthorize("hasRole('CLERK')")
    @OnRefusal(redirect = "/orders/{id}")
    String chase(@PathVariable long id, RedirectAttributes redirect) {
        chases.chase(id, users.require());
        redirect.addFlashAttribute("notice", "intake.chase.taken");
        return "redirect:/orders/" + id;
    }

    @PostMapping("/orders/{id}/phone")
    @PreAuthorize("hasAnyRole('CLERK', 'SURVEYOR')")
    @OnRefusal(redirect = "/orders/{id}")
    String revealPhone(@PathVariable long id, RedirectAttributes redirect) {
        redirect.addFlashAttribute("revealedPhone", orders.revealPhone(id, users.require()));
        return "redirect:/orders/" + id;
    }

    @GetMapping("/orders/new")
    @PreAuthorize("hasRole('CLERK')")
    String newForm(Model model) {
        NewApplicationForm form = NewApplicationForm.empty(UUID.randomUUID().toString());
        // The e-licence fetch at the counter (/licences/counter) hands the form back as typed, under its own key.
        if (model.getAttribute("applicationForm") instanceof Map<?, ?> typed) {
            form = form.prefilled(typed);
        }
        // A licence the clerk had read and confirmed (/licences/read) hands its fields over; unconfirmed ones never come.
        if (model.getAttribute("applicationPrefill") instanceof Map<?, ?> prefill) {
            form = form.prefilled(prefill);
            model.addAttribute("prefilled", true);
        }
        return form(form, model);
    }

    @PostMapping("/orders")
    @PreAuthorize("hasRole('CLERK')")
    String accept(@ModelAttribute NewApplicationForm form, Model model, Locale locale, HttpServletResponse response,
            RedirectAttributes redirect) {
        try {
            var application = intake.accept(form.toRequest(), Optional.ofNullable(form.idempotencyKey()), users.require());
            redirect.addFlashAttribute("accepted", application.orderNo());
            return "redirect:/orders/" + application.id();
        } catch (DomainException e) {
            response.setStatus(e.status().value());
            model.addAttribute("refusal", refusals.explain(e, locale));
            return form(form, model);
        }
    }

    @GetMapping("/orders/{id}")
    @PreAuthorize(AccessRules.ORDER_READERS)
    @OnRefusal(view = "intake/refused")
    String order(@PathVariable long id, Model model, Locale locale) {
        OrderView order = orders.view(id, users.require());
        model.addAttribute("order", order);
        model.addAttribute("type", catalogue.version(order.typeCode(), order.typeVersion()));
        model.addAttribute("materialNames", materialNames(locale));
        model.addAttribute("flowChart", diagrams.forOrder(id, node -> nodeName(node, locale)));
        model.addAttribute("auditTrail", sentences.lines(audit.forSubject("application", order.orderNo()), locale));
        model.addAttribute("photos", photos.ofOrder(id, users.require()));
        model.addAttribute("archive", ArchiveShelf.of(documents.archive(id, users.require())));
        model.addAttribute("records", contexts.recorded(id));
        model.addAttribute("schemeCheck", schemeChecks.latest(id, users.require()).orElse(null));
        // Only the fails: each sent the order back, and how often it went back is what people ask.
        model.addAttribute("outcomes", contexts.outcomes(id).stream().filter(RecordedOutcome::failed).toList());
        model.addAttribute("canRevealPhone", users.require().hasAny(Role.CLERK, Role.SURVEYOR));
        model.addAttribute("canSupply", users.require().has(Role.CLERK));
        model.addAttribute("progressQr", QrCodes.svg(progressLink(order.progressToken())));
        model.addAttribute("progressLink", progressLink(order.progressToken()));
        // The deadline card, and the timeline's and the open nodes' deadlines, from the module that keeps them.
        contributions.forEach(c -> model.addAllAttributes(c.order(id, users.require())));
        if (order.status().open()) {
            model.addAttribute("progress", progress.of(order));
        }
        return "intake/order";
    }

    @GetMapping("/orders/{id}/receipt")
    @PreAuthorize(AccessRules.ORDER_READERS)
    @OnRefusal(view = "intake/refused")
    String receipt(@PathVariable long id, Model model, Locale locale) {
        OrderView order = orders.view(id, users.require());
        model.addAttribute("order", order);
        model.addAttribute("type", catalogue.version(order.typeCode(), order.typeVersion()));
        model.addAttribute("materialNames", materialNames(locale));
        model.addAttribute("progressQr", QrCodes.svg(progressLink(order.progressToken())));
        model.addAttribute("progressLink", progressLink(order.progressToken()));
        progress.byToken(order.progressToken()).ifPresent(p -> model.addAttribute("progress", p));
        return "intake/receipt";
    }

    @PostMapping("/orders/{id}/materials/{materialCode}")
    @OnRefusal(redirect = "/orders/{id}")
    String upload(@PathVariable long id, @PathVariable String materialCode, @RequestParam(required = false) MultipartFile file,
            RedirectAttributes redirect) throws IOException {
        supply.supply(id, materialCode, UploadedFile.of(file), users.require());
        redirect.addFlashAttribute("notice", "intake.page.material-saved");
        return "redirect:/orders/" + id;
    }

    @PostMapping("/orders/{id}/cancel")
    @PreAuthorize("hasAnyRole('CLERK', 'DEPARTMENT_HEAD', 'LEADER')")
    @OnRefusal(redirect = "/orders/{id}")
    String cancel(@PathVariable long id, @RequestParam(required = false) String reason, RedirectAttributes redirect) {
        intake.cancel(id, reason, users.require());
        redirect.addFlashAttribute("notice", "intake.page.cancelled");
        return "redirect:/orders/" + id;
    }

    private String form(NewApplicationForm form, Model model) {
        model.addAttribute("form", form);
        model.addAttribute("types", catalogue.types());
        return "intake/new";
    }

    private Map<String, String> typeNames(Locale locale) {
        Map<String, String> names = new HashMap<>();
        catalogue.types().forEach(t -> names.put(t.code(), "zh".equals(locale.getLanguage()) ? t.nameZh() : t.nameEn()));
        return names;
    }

        private Map<String, String> materialNames(Locale locale) {
        Map<String, String> names = new HashMap<>();
        catalogue.materials().forEach(m -> names.put(m.code(), m.name(locale)));
        return names;
    }

    private String nodeName(String nodeCode, Locale locale) {
        return messages.getMessage("catalogue.node." + nodeCode, null, nodeCode, locale);
    }

    private String progressLink(String token) {
        return publicAddress.link("/s/" + token);
    }
}

package org.yekuo.licence.web;

import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.yekuo.identity.AccessRules;
import org.yekuo.identity.CurrentUser;
import org.yekuo.identity.CurrentUsers;
import org.yekuo.identity.Role;
import org.yekuo.intake.Orders;
import org.yekuo.licence.LicenceFieldsInput;
import org.yekuo.licence.LicenceKind;
import org.yekuo.licence.LicenceRetrievals;
import org.yekuo.shared.DomainException;
import org.yekuo.shared.OnRefusal;
import org.yekuo.shared.Refusals;

/**
 * The order's e-licences at the counter (R-LIC-1, R-LIC-2, R-LIC-4): ask the applicant's consent, fetch with the code
 * they read out, check and correct the fetched fields, see the order's retrievals; a panel of the order page says
 * which licences the order rests on and which end soon. The auditor's page lists retrievals across orders.
 */
@Controller
@RequestMapping("/licences")
class LicencePages {

    private final LicenceRetrievals retrievals;
    private final Orders orders;
    private final CurrentUsers users;
    private final Refusals refusals;

    LicencePages(LicenceRetrievals retrievals, Orders orders, CurrentUsers users, Refusals refusals) {
        this.retrievals = retrievals;
        this.orders = orders;
        this.users = users;
        this.refusals = refusals;
    }

    @GetMapping("/orders/{orderId}")
    @PreAuthorize(AccessRules.ORDER_READERS)
    String order(@PathVariable long orderId, Model model, Locale locale, HttpServletResponse response) {
        return orderView(orderId, model, locale, response, "licence/order");
    }

    /** The order's licences as a panel of the order page. */
    @GetMapping("/orders/{orderId}/panel")
    @PreAuthorize(AccessRules.ORDER_READERS)
    String panel(@PathVariable long orderId, Model model, Locale locale, HttpServletResponse response) {
        return orderView(orderId, model, locale, response, "licence/fragments :: order-panel");
    }

    private String orderView(long orderId, Model model, Locale locale, HttpServletResponse response, String view) {
        CurrentUser user = users.require();
        try {
            var order = orders.view(orderId, user);
            model.addAttribute("order", order);
            model.addAttribute("licences", retrievals.licencesOf(orderId, user));
            model.addAttribute("retrievals", retrievals.ofOrder(orderId, user));
            model.addAttribute("kinds", LicenceRetrievals.kindsFor(order.applicantKind()));
            model.addAttribute("canFetch", user.has(Role.CLERK) && order.status().open());
            return view;
        } catch (DomainException e) {
            response.setStatus(e.status().value());
            model.addAttribute("refusal", refusals.explain(e, locale));
            return "licence/refused";
        }
    }

    @PostMapping("/orders/{orderId}/consent")
    @PreAuthorize("hasRole('CLERK')")
    @OnRefusal(redirect = "/licences/orders/{orderId}")
    String askConsent(@PathVariable long orderId, HttpServletRequest request, RedirectAttributes redirect) {
        var issued = retrievals.askConsent(orderId, users.require(), request.getRemoteAddr());
        redirect.addFlashAttribute("sentTo", issued.phoneMasked());
        return "redirect:/licences/orders/" + orderId;
    }

    @PostMapping("/orders/{orderId}/fetch")
    @PreAuthorize("hasRole('CLERK')")
    String fetch(@PathVariable long orderId, @RequestParam(required = false) LicenceKind kind, @RequestParam(required = false) String code,
            Locale locale, RedirectAttributes redirect) {
        try {
            var fetched = retrievals.fetch(orderId, kind, code, users.require());
            redirect.addFlashAttribute("fetchedKind", fetched.licence().kind());
        } catch (DomainException e) {
            redirect.addFlashAttribute("refusal", refusals.explain(e, locale));
            redirect.addFlashAttribute("enteredKind", kind);
        }
        return "redirect:/licences/orders/" + orderId;
    }

    @PostMapping("/orders/{orderId}/confirm")
    @PreAuthorize("hasRole('CLERK')")
    String confirm(@PathVariable long orderId, @RequestParam LicenceKind kind, @ModelAttribute LicenceFieldsInput fields,
            @RequestParam(name = "take", required = false) java.util.Set<String> take, Locale locale, RedirectAttributes redirect) {
        try {
            retrievals.confirm(orderId, kind, fields, take == null ? java.util.Set.of() : take, users.require());
            redirect.addFlashAttribute("confirmedKind", kind);
        } catch (DomainException e) {
            redirect.addFlashAttribute("refusal", refusals.explain(e, locale));
            redirect.addFlashAttribute("enteredFields", fields);
            redirect.addFlashAttribute("enteredKind", kind);
        }
        return "redirect:/licences/orders/" + orderId;
    }

    @GetMapping("/retrievals")
    @PreAuthorize("hasRole('AUDITOR')")
    String log(@RequestParam(defaultValue = "0") int page, Model model) {
        var found = retrievals.log(users.require(), Math.max(0, page), 20);
        model.addAttribute("log", found);
        model.addAttribute("pages", Math.max(1, (found.total() + found.size() - 1) / found.size()));
        return "licence/retrievals";
    }
}

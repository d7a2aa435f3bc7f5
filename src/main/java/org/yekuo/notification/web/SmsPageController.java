package org.yekuo.notification.web;

import java.time.Clock;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.yekuo.notification.internal.OutboxStatus;
import org.yekuo.notification.internal.SmsAdministration;
import org.yekuo.notification.internal.SmsInbox;
import org.yekuo.notification.internal.SmsTemplates;
import org.yekuo.notification.internal.SmsOutbox;
import org.yekuo.shared.DomainException;
import org.yekuo.shared.Masking;
import org.yekuo.shared.Refusals;

/** The administrator's SMS page: the local inbox and the outbox with failed messages to retry. */
@Controller
@RequestMapping("/notifications/sms")
@PreAuthorize("hasRole('ADMIN')")
class SmsPageController {

    private static final int PAGE_SIZE = 20;

    private final SmsInbox inbox;
    private final SmsOutbox outbox;
    private final SmsAdministration administration;
    private final Refusals refusals;
    private final Clock clock;

    SmsPageController(SmsInbox inbox, SmsOutbox outbox, SmsAdministration administration, Refusals refusals,
            Clock clock) {
        this.inbox = inbox;
        this.outbox = outbox;
        this.administration = administration;
        this.refusals = refusals;
        this.clock = clock;
    }

    @GetMapping
    String page(@RequestParam(defaultValue = "inbox") String view, @RequestParam(required = false) String phone,
            @RequestParam(required = false) String template, @RequestParam(required = false) String status,
            @RequestParam(defaultValue = "0") int page, Model model, Locale locale) {
        Optional<OutboxStatus> statusFilter = Arrays.stream(OutboxStatus.values())
                .filter(s -> s.name().equals(status)).findFirst();
        boolean outboxView = "outbox".equals(view);
        model.addAttribute("view", outboxView ? "outbox" : "inbox");
        // A whole number typed as filter comes back masked, so it is neither shown nor put into page links and logs.
        model.addAttribute("phone", phone != null && phone.strip().matches("\\d{11}") ? Masking.mobile(phone) : phone);
        model.addAttribute("template", template);
        model.addAttribute("templates", SmsTemplates.APPROVED);
        model.addAttribute("status", statusFilter.map(Enum::name).orElse(""));
        model.addAttribute("statuses", OutboxStatus.values());
        model.addAttribute("zone", clock.getZone());
        int pageNo = Math.max(0, page);
        if (outboxView) {
            model.addAttribute("result", outbox.page(statusFilter, pageNo, PAGE_SIZE));
            return "notification/sms";
        }
        SmsInbox.Filter filter = new SmsInbox.Filter(Optional.ofNullable(phone), Optional.ofNullable(template), statusFilter);
        try {
            model.addAttribute("result", inbox.page(filter, pageNo, PAGE_SIZE));
        } catch (DomainException e) {
            model.addAttribute("filterError", refusals.explain(e, locale).message());
            model.addAttribute("result", inbox.page(new SmsInbox.Filter(Optional.empty(), Optional.empty(), Optional.empty()),
                    0, PAGE_SIZE));
        }
        return "notification/sms";
    }

    @PostMapping("/outbox/{id}/retry")
    String retry(@PathVariable long id, RedirectAttributes flash, Locale locale) {
        try {
            administration.retry(id);
            flash.addFlashAttribute("noticeKey", "notification.page.retried");
            flash.addFlashAttribute("noticeArgs", new Object[] {String.valueOf(id)});
        } catch (DomainException e) {
            flash.addFlashAttribute("refusal", refusals.explain(e, locale).message());
        }
        return "redirect:/notifications/sms?view=outbox";
    }
}

package org.yekuo.integration.web;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.yekuo.identity.CurrentUsers;
import org.yekuo.integration.internal.DeliveryStatus;
import org.yekuo.integration.internal.EventFeed;
import org.yekuo.integration.internal.FeedAdministration;
import org.yekuo.integration.internal.FeedEventType;
import org.yekuo.integration.internal.Subscribers;
import org.yekuo.shared.DomainException;
import org.yekuo.shared.Refusals;

/**
 * The system administrator's event feed page (事件推送): deliveries that wait, retry or failed, with replay;
 * and the subscribed systems, where a new one is added and its signing key shown once.
 */
@Controller
@RequestMapping("/integration/feed")
@PreAuthorize("hasRole('ADMIN')")
class EventFeedPages {

    private static final int PAGE_SIZE = 20;

    private final EventFeed feed;
    private final Subscribers subscribers;
    private final FeedAdministration administration;
    private final CurrentUsers users;
    private final Refusals refusals;
    private final Clock clock;

    EventFeedPages(EventFeed feed, Subscribers subscribers, FeedAdministration administration, CurrentUsers users,
            Refusals refusals, Clock clock) {
        this.feed = feed;
        this.subscribers = subscribers;
        this.administration = administration;
        this.users = users;
        this.refusals = refusals;
        this.clock = clock;
    }

    @GetMapping
    String page(@RequestParam(defaultValue = "deliveries") String view, @RequestParam(required = false) String status,
            @RequestParam(required = false) Long subscriber, @RequestParam(required = false) String orderNo,
            @RequestParam(defaultValue = "0") int page, Model model) {
        DeliveryStatus statusFilter = Arrays.stream(DeliveryStatus.values()).filter(s -> s.name().equals(status)).findFirst().orElse(null);
        model.addAttribute("view", "subscribers".equals(view) ? "subscribers" : "deliveries");
        model.addAttribute("status", statusFilter == null ? "" : statusFilter.name());
        model.addAttribute("statuses", DeliveryStatus.values());
        model.addAttribute("subscriber", subscriber);
        model.addAttribute("orderNo", orderNo);
        model.addAttribute("subscribers", subscribers.all());
        model.addAttribute("eventTypes", FeedEventType.values());
        model.addAttribute("zone", clock.getZone());
        model.addAttribute("result", feed.page(new EventFeed.Filter(statusFilter, subscriber, orderNo), Math.max(0, page), PAGE_SIZE));
        return "integration/feed";
    }

    @PostMapping("/subscribers")
    String subscribe(@RequestParam(required = false) String code, @RequestParam(required = false) String name,
            @RequestParam(required = false) String endpointUrl, @RequestParam(required = false) List<String> eventTypes,
            Model model, Locale locale) {
        try {
            Subscribers.Created created = subscribers.create(new Subscribers.NewSubscriber(code, name, endpointUrl, eventTypes),
                    users.require());
            model.addAttribute("created", created);
        } catch (DomainException e) {
            model.addAttribute("refusal", refusals.explain(e, locale).message());
            model.addAttribute("form", new Subscribers.NewSubscriber(code, name, endpointUrl, eventTypes));
        }
        // Answered here, not redirected: the signing key is shown this once and is kept nowhere in clear.
        return page("subscribers", null, null, null, 0, model);
    }

    @PostMapping("/subscribers/{id}/active")
    String setActive(@PathVariable long id, @RequestParam boolean active, RedirectAttributes flash, Locale locale) {
        try {
            subscribers.setActive(id, active, users.require());
            flash.addFlashAttribute("noticeKey", active ? "integration.page.activated" : "integration.page.deactivated");
        } catch (DomainException e) {
            flash.addFlashAttribute("refusal", refusals.explain(e, locale).message());
        }
        return "redirect:/integration/feed?view=subscribers";
    }

    @PostMapping("/deliveries/{id}/replay")
    String replay(@PathVariable long id, RedirectAttributes flash, Locale locale) {
        try {
            administration.replay(id);
            flash.addFlashAttribute("noticeKey", "integration.page.replayed");
            flash.addFlashAttribute("noticeArgs", new Object[] {String.valueOf(id)});
        } catch (DomainException e) {
            flash.addFlashAttribute("refusal", refusals.explain(e, locale).message());
        }
        return "redirect:/integration/feed";
    }
}

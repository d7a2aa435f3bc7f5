package org.yekuo.integration.web;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.yekuo.identity.CurrentUsers;
import org.yekuo.integration.internal.Delivery;
import org.yekuo.integration.internal.DeliveryStatus;
import org.yekuo.integration.internal.EventFeed;
import org.yekuo.integration.internal.FeedAdministration;
import org.yekuo.integration.internal.Paged;
import org.yekuo.integration.internal.Subscriber;
import org.yekuo.integration.internal.Subscribers;

/** The system administrator's side of the event feed (R-X-7): subscribers and their deliveries. Company-wide. */
@RestController
@RequestMapping("/api/integration")
@PreAuthorize("hasRole('ADMIN')")
@Tag(name = "Event feed", description = "Systems subscribed to the order's events (CloudEvents by signed webhook) and the deliveries to them")
class EventFeedApi {

    private final Subscribers subscribers;
    private final EventFeed feed;
    private final FeedAdministration administration;
    private final CurrentUsers users;

    EventFeedApi(Subscribers subscribers, EventFeed feed, FeedAdministration administration, CurrentUsers users) {
        this.subscribers = subscribers;
        this.feed = feed;
        this.administration = administration;
        this.users = users;
    }

    @GetMapping("/subscribers")
    @Operation(summary = "Every subscribed system, without its signing key")
    List<Subscriber> subscribers() {
        return subscribers.all();
    }

    @PostMapping("/subscribers")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Subscribe a system; the answer holds its signing key, which is never shown again (audited)")
    Subscribers.Created subscribe(@RequestBody NewSubscriber request) {
        return subscribers.create(new Subscribers.NewSubscriber(request.code(), request.name(), request.endpointUrl(),
                request.eventTypes()), users.require());
    }

    @PostMapping("/subscribers/{id}/deactivate")
    @Operation(summary = "Switch a subscriber off: its deliveries wait until it is switched on (audited)")
    Subscriber deactivate(@PathVariable long id) {
        return subscribers.setActive(id, false, users.require());
    }

    @PostMapping("/subscribers/{id}/activate")
    @Operation(summary = "Switch a subscriber on again: what waited is delivered, in order per order (audited)")
    Subscriber activate(@PathVariable long id) {
        return subscribers.setActive(id, true, users.require());
    }

    @GetMapping("/deliveries")
    @Operation(summary = "Deliveries, newest first; without a status every one that has not arrived")
    Paged<Delivery> deliveries(@RequestParam(required = false) DeliveryStatus status,
            @Parameter(description = "a subscriber's id") @RequestParam(required = false) Long subscriber,
            @Parameter(description = "an order number, e.g. YK-2026-000123") @RequestParam(required = false) String orderNo,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        return feed.page(new EventFeed.Filter(status, subscriber, orderNo), page, size);
    }

    @PostMapping("/deliveries/{id}/replay")
    @Operation(summary = "Send a FAILED or DELIVERED event again with a fresh set of attempts, same event id (audited)")
    Delivery replay(@PathVariable long id) {
        return administration.replay(id);
    }

    record NewSubscriber(
            @Schema(description = "short code, capital letters, digits, - and _", example = "MARKETING") String code,
            @Schema(description = "the system's name", example = "营销系统") String name,
            @Schema(description = "absolute http(s) address the events are posted to", example = "https://marketing.example-grid.cn/yekuo/events") String endpointUrl,
            @Schema(description = "event types (e.g. order.accepted, order.powered-on); empty for all") List<String> eventTypes) {
    }
}

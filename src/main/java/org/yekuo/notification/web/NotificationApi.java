package org.yekuo.notification.web;

import java.util.Optional;

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
import org.yekuo.notification.internal.InboxEntry;
import org.yekuo.notification.internal.OutboxEntry;
import org.yekuo.notification.internal.OutboxStatus;
import org.yekuo.notification.internal.Paged;
import org.yekuo.notification.internal.SmsAdministration;
import org.yekuo.notification.internal.SmsInbox;
import org.yekuo.notification.internal.SmsOutbox;

@RestController
@RequestMapping("/api/notifications")
@PreAuthorize("hasRole('ADMIN')")
@Tag(name = "Notifications", description = "The SMS outbox and the local gateway's inbox; phone numbers only masked")
class NotificationApi {

    private final SmsInbox inbox;
    private final SmsOutbox outbox;
    private final SmsAdministration administration;

    NotificationApi(SmsInbox inbox, SmsOutbox outbox, SmsAdministration administration) {
        this.inbox = inbox;
        this.outbox = outbox;
        this.administration = administration;
    }

    @GetMapping("/sms")
    @Operation(summary = "Messages received by the local SMS gateway, newest first")
    Paged<InboxEntry> inbox(
            @Parameter(description = "the last 1-4 digits, the whole 11-digit mobile number or its masked form 138****5678") @RequestParam(required = false) String phone,
            @Parameter(description = "template code, e.g. test") @RequestParam(required = false) String template,
            @RequestParam(required = false) OutboxStatus status,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        return inbox.page(new SmsInbox.Filter(Optional.ofNullable(phone), Optional.ofNullable(template), Optional.ofNullable(status)),
                Math.max(0, page), Paged.size(size));
    }

    @GetMapping("/outbox")
    @Operation(summary = "Outbox messages, newest first; without a status those not yet sent, with their last error")
    Paged<OutboxEntry> outbox(@RequestParam(required = false) OutboxStatus status,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        return outbox.page(Optional.ofNullable(status), Math.max(0, page), Paged.size(size));
    }

    @PostMapping("/outbox/{id}/retry")
    @Operation(summary = "Queue a FAILED message again with a fresh set of attempts (audited)")
    OutboxEntry retry(@PathVariable long id) {
        return administration.retry(id);
    }

    @PostMapping("/sms/test")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Queue the test template to a mainland mobile number (audited)")
    OutboxEntry sendTest(@RequestBody TestSms request) {
        return administration.sendTest(request.phone());
    }

    record TestSms(@Schema(description = "mainland mobile number, 11 digits starting 1[3-9]", example = "13812345678") String phone) {
    }
}

package org.yekuo.insight.web;

import java.io.IOException;
import java.time.LocalDate;
import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.yekuo.identity.CurrentUsers;
import org.yekuo.insight.EventLogs;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The event log for process mining tools as a file, or a problem naming what is wrong with the request. */
@RestController
@Tag(name = "Insight")
class EventLogApi {

    private final EventLogs logs;
    private final CurrentUsers users;

    EventLogApi(EventLogs logs, CurrentUsers users) {
        this.logs = logs;
        this.users = users;
    }

    @GetMapping("/api/insight/event-log")
    @PreAuthorize(EventLogExports.MANAGERS)
    @Operation(summary = "The event log of a period (at most 366 days), business type and org unit of my scope, as XES "
            + "(IEEE 1849-2016) or OCEL 2.0 JSON, streamed")
    @ApiResponse(responseCode = "200", description = "The event log as an attachment", content = {
            @Content(mediaType = "application/xml", schema = @Schema(type = "string")),
            @Content(mediaType = "application/json", schema = @Schema(type = "object"))})
    void api(@Parameter(description = "first day, yyyy-MM-dd") @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @Parameter(description = "last day, yyyy-MM-dd") @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @Parameter(description = "business type code") @RequestParam(required = false) String type,
            @Parameter(description = "org unit code, e.g. a station") @RequestParam(required = false) String org,
            @RequestParam(defaultValue = "XES") EventLogs.Format format, Locale locale, HttpServletResponse response) throws IOException {
        EventLogs.Export export = logs.check(users.require(), new EventLogs.Request(from, to, type, org));
        EventLogExports.send(logs, export, format, locale, response);
    }
}

package org.yekuo.insight.web;

import java.util.Locale;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.yekuo.identity.CurrentUsers;
import org.yekuo.insight.Bottlenecks;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The bottleneck view as JSON, for leaders, department heads and administrators over their org scope. */
@RestController
@Tag(name = "Insight")
class BottleneckApi {

    private final Bottlenecks bottlenecks;
    private final CurrentUsers users;

    BottleneckApi(Bottlenecks bottlenecks, CurrentUsers users) {
        this.bottlenecks = bottlenecks;
        this.users = users;
    }

    @GetMapping("/api/insight/bottlenecks")
    @PreAuthorize(EventLogExports.MANAGERS)
    @Operation(summary = "The directly-follows graph of nodes of a period (at most 24 months), business type and org unit of my scope: "
            + "median and 90th percentile of waiting, working and total working days per transition, coloured against the limits, "
            + "the five slowest in words, and the finished orders against their whole-process target (R-SLA-9)")
    Bottlenecks.View view(@Parameter(description = "first month, yyyy-MM") @RequestParam(required = false) String from,
            @Parameter(description = "last month, yyyy-MM") @RequestParam(required = false) String to,
            @Parameter(description = "business type code") @RequestParam(required = false) String type,
            @Parameter(description = "org unit code, e.g. a station") @RequestParam(required = false) String org, Locale locale) {
        return bottlenecks.view(users.require(), new Bottlenecks.Query(Bottlenecks.month("from", from), Bottlenecks.month("to", to), type, org),
                locale);
    }
}

package org.yekuo.insight.web;

import java.util.List;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.yekuo.identity.CurrentUsers;
import org.yekuo.insight.WhatIfs;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The what-if simulation as JSON, for leaders, department heads and administrators over their org scope; it changes nothing. */
@RestController
@Tag(name = "Insight")
class WhatIfApi {

    private final WhatIfs whatIfs;
    private final CurrentUsers users;

    WhatIfApi(WhatIfs whatIfs, CurrentUsers users) {
        this.whatIfs = whatIfs;
        this.users = users;
    }

    @GetMapping("/api/insight/what-if")
    @PreAuthorize(EventLogExports.MANAGERS)
    @Operation(summary = "Simulate the next months with changed node limits, staffing per role at a station or dedicated-line share "
            + "of HV orders, against the same months as measured now; with how well the model reproduced last month (R-SLA-9)")
    WhatIfs.Result simulate(@Parameter(description = "org unit code of my scope (a station to change staffing); default my whole scope")
            @RequestParam(required = false) String org,
            @Parameter(description = "months ahead, 1 to 12") @RequestParam(defaultValue = "3") int months,
            @Parameter(description = "new limits as NODE:working days, e.g. DESIGN_REVIEW:12") @RequestParam(required = false) List<String> limit,
            @Parameter(description = "staff of a role at the station as ROLE:people, e.g. DESIGNER:3") @RequestParam(required = false) List<String> staff,
            @Parameter(description = "share of HV orders on the dedicated-line path, percent 0 to 100") @RequestParam(required = false) Integer dedicatedShare) {
        return whatIfs.simulate(users.require(), new WhatIfs.Scenario(org, months, WhatIfs.pairs("limit", limit), WhatIfs.pairs("staff", staff),
                dedicatedShare));
    }
}

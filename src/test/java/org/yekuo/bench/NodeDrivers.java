package org.yekuo.bench;

import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.context.ApplicationContext;
import org.yekuo.identity.CurrentUser;
import org.yekuo.work.NodeWork;
import org.yekuo.review.Opinion;
import org.yekuo.review.ReviewDesk;
import org.yekuo.review.Verdict;
import org.yekuo.workflow.WorkItem;
import org.yekuo.support.LvSchemeCheck;

/**
 * How the benchmark works one open task of an order, per node code: by default the demo user of the
 * task's candidate role signs for it and completes it with the node's required fields. A node whose work
 * needs more (a department's review form, say) gets its own {@link NodeDriver} via {@link #override}.
 */
final class NodeDrivers {

    /** Work on one open task; runs outside any transaction, each service call being its own. */
    @FunctionalInterface
    interface NodeDriver {
        void work(WorkItem item, Staff staff, NodeWork work);
    }

    /**
     * Values that pass each node's required-field checks (see NodeForm); its dates are {@code today} by the product's
     * clock, which may run ahead of the machine's (a chaos run moves it on by days).
     */
    static Map<String, String> fields(String nodeCode, LocalDate today) {
        String day = today.toString();
        return switch (nodeCode) {
            case "SITE_SURVEY" -> Map.of("meterPosition", "box on the east wall", "supplyPoint", "transformer 3",
                    "distanceMetres", "35.5", "surveyOpinion", "can be connected");
            case "SCHEME_DESIGN" -> LvSchemeCheck.passed(Map.of("supplyVoltage", "220V", "supplyPoint", "transformer 3",
                    "meteringMethod", "LV_LV", "tariffCategory", "RESIDENTIAL", "schemeSummary", "single-phase meter"));
            case "SCHEME_REPLY" -> Map.of("replyDate", day);
            case "DESIGN_REVIEW" -> Map.of("outcome", "PASS");
            case "INTERMEDIATE_INSPECTION", "COMPLETION_ACCEPTANCE" -> Map.of("inspectionDate", day, "outcome", "PASS");
            case "SUPPLY_WORKS" -> Map.of("worksSummary", "materials on site");
            case "CONTRACT" -> Map.of("contractNo", "HT-2026-001", "customerNo", "3300123456");
            case "METER_INSTALLATION" -> Map.of("meterNo", "DB-0001", "meterReading", "0");
            case "POWER_ON" -> Map.of("poweredOnDate", day);
            default -> Map.of();
        };
    }

    private final Clock clock;

    private final Map<String, NodeDriver> overrides = new HashMap<>();

    /**
     * The drivers of the product as it is: every node generic except the scheme review, which the
     * department's reviewer opens and countersigns at the review desk with a signed PASS opinion.
     */
    static NodeDrivers forProduct(ApplicationContext context) {
        ReviewDesk desk = context.getBean(ReviewDesk.class);
        return new NodeDrivers(context.getBean(Clock.class)).override("SCHEME_REVIEW", (item, staff, work) -> {
            CurrentUser reviewer = item.assignee() != null ? staff.user(item.assignee())
                    : staff.forRoles(item.roles()).orElseThrow(() -> new IllegalStateException(
                            "No benchmark reviewer for roles " + item.roles()));
            staff.as(reviewer, () -> {
                if (item.assignee() == null) {
                    desk.open(item.taskId().value(), reviewer);
                }
                return desk.countersign(item.taskId().value(), PASS, reviewer);
            });
        });
    }

    /** What a reviewer with nothing to object signs: PASS needs neither clauses nor text (R-REV-3). */
    static final Opinion PASS = new Opinion(Verdict.PASS, List.of(), "");

    NodeDrivers(Clock clock) {
        this.clock = clock;
    }

    /** Replaces the generic work for one node code. */
    NodeDrivers override(String nodeCode, NodeDriver driver) {
        overrides.put(nodeCode, driver);
        return this;
    }

    NodeDriver forNode(String nodeCode) {
        return overrides.getOrDefault(nodeCode, this::signForAndComplete);
    }

    /** The generic work: the candidate role's demo user signs for the task (unless signed) and completes it. */
    void signForAndComplete(WorkItem item, Staff staff, NodeWork work) {
        CurrentUser user = item.assignee() != null ? staff.user(item.assignee())
                : staff.forRoles(item.roles()).orElseThrow(() -> new IllegalStateException(
                        "No benchmark user for roles " + item.roles() + " of node " + item.nodeCode()));
        staff.as(user, () -> {
            if (item.assignee() == null) {
                work.signFor(item.taskId().value(), user);
            }
            work.complete(item.taskId().value(), fields(item.nodeCode(), LocalDate.now(clock)), user);
            return null;
        });
    }
}

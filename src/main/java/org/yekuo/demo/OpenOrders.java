package org.yekuo.demo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.yekuo.calendar.WorkingCalendar;
import org.yekuo.catalogue.BusinessTypeDefinition;
import org.yekuo.catalogue.Catalogue;
import org.yekuo.catalogue.KeyNode;
import org.yekuo.catalogue.LimitUnit;
import org.yekuo.catalogue.TimeLimit;
import org.yekuo.deadline.DeadlineSweep;
import org.yekuo.deadline.Deadlines;
import org.yekuo.deadline.Deadlines.NodeSchedule;
import org.yekuo.deadline.DelayCategory;
import org.yekuo.deadline.DelayExplanations;
import org.yekuo.deadline.NodeDeadline;
import org.yekuo.document.UploadedFile;
import org.yekuo.identity.CurrentUser;
import org.yekuo.identity.CurrentUsers;
import org.yekuo.intake.ApplicantKind;
import org.yekuo.intake.ApplicationIntake;
import org.yekuo.intake.CapacityUnit;
import org.yekuo.intake.MaterialSupply;
import org.yekuo.intake.NewApplication;
import org.yekuo.review.Opinion;
import org.yekuo.review.ReviewDesk;
import org.yekuo.review.Verdict;
import org.yekuo.work.NodeWork;
import org.yekuo.workflow.OrderId;
import org.yekuo.workflow.WorkItem;
import org.yekuo.workflow.WorkList;

/**
 * The demo's open orders, driven through the product's own services and engine as the counter and the field would:
 * accepted at the east or west counter, materials supplied, each node signed for and completed by the demo's member
 * of staff for its role (the scheme review countersigned at the review desk) until the order stands at its node.
 * Then its nodes are moved back in time on the working-day calendar (R-SLA-1/2), with the deadlines the product
 * would have given them, so that the deadline board shows every colour (R-SLA-4); the deadline sweep runs once to
 * turn and lock them as it would have, and two late handlers file their explanations for the leader to decide.
 * Two orders stand suspended at the scheme design, waiting for the customer's property proof (R-MAT-4).
 */
@Component
class OpenOrders {

    /** What was opened. */
    record Result(int orders) {
    }

    enum Colour {
        GREEN, YELLOW, RED
    }

    /** One open order: its type, counter, the node it stands at and the colour that node shows. */
    record Scenario(String typeCode, boolean west, KeyNode at, Colour colour, boolean waitsForMaterial) {

        static Scenario of(String typeCode, KeyNode at, Colour colour) {
            return new Scenario(typeCode, false, at, colour, false);
        }
    }

    static final List<Scenario> SCENARIOS = List.of(
            Scenario.of("LV_RES_NEW", KeyNode.ACCEPTANCE, Colour.GREEN),
            Scenario.of("LV_RES_NEW", KeyNode.SITE_SURVEY, Colour.GREEN),
            Scenario.of("LV_RES_NEW", KeyNode.SITE_SURVEY, Colour.YELLOW),
            Scenario.of("LV_RES_NEW", KeyNode.SITE_SURVEY, Colour.RED),
            Scenario.of("LV_RES_NEW", KeyNode.SCHEME_DESIGN, Colour.GREEN),
            Scenario.of("LV_RES_NEW", KeyNode.SCHEME_DESIGN, Colour.YELLOW),
            Scenario.of("LV_RES_NEW", KeyNode.SCHEME_DESIGN, Colour.RED),
            new Scenario("LV_RES_NEW", false, KeyNode.SCHEME_DESIGN, Colour.GREEN, true),
            new Scenario("LV_RES_NEW", false, KeyNode.SCHEME_DESIGN, Colour.YELLOW, true),
            Scenario.of("PV_GRID_CONNECTION", KeyNode.SCHEME_REVIEW, Colour.GREEN),
            Scenario.of("LV_RES_NEW", KeyNode.SCHEME_REPLY, Colour.GREEN),
            Scenario.of("LV_RES_NEW", KeyNode.CONTRACT, Colour.YELLOW),
            Scenario.of("LV_RES_NEW", KeyNode.METER_INSTALLATION, Colour.RED),
            Scenario.of("LV_NONRES_NEW", KeyNode.SITE_SURVEY, Colour.GREEN),
            Scenario.of("LV_NONRES_NEW", KeyNode.SCHEME_DESIGN, Colour.RED),
            Scenario.of("HV_NEW_SINGLE", KeyNode.SCHEME_REVIEW, Colour.YELLOW),
            Scenario.of("HV_NEW_SINGLE", KeyNode.DESIGN_REVIEW, Colour.GREEN),
            Scenario.of("HV_NEW_SINGLE", KeyNode.SUPPLY_WORKS, Colour.GREEN),
            Scenario.of("HV_NEW_SINGLE", KeyNode.SCHEME_REPLY, Colour.RED),
            Scenario.of("HV_DEDICATED_LINE", KeyNode.SCHEME_REVIEW, Colour.GREEN),
            Scenario.of("PV_GRID_CONNECTION", KeyNode.SITE_SURVEY, Colour.YELLOW),
            new Scenario("LV_RES_NEW", true, KeyNode.ACCEPTANCE, Colour.GREEN, false),
            new Scenario("LV_RES_NEW", true, KeyNode.ACCEPTANCE, Colour.RED, false),
            new Scenario("LV_NONRES_NEW", true, KeyNode.ACCEPTANCE, Colour.YELLOW, false));

    /** The demo's member of staff who works a task offered to a role, by station. */
    private static final Map<String, String> EAST_STAFF = Map.of("CLERK", "clerk", "SURVEYOR", "surveyor", "DESIGNER", "designer",
            "REVIEWER_OPERATIONS", "ops", "REVIEWER_MARKETING", "marketing", "REVIEWER_DISPATCH", "dispatch",
            "MATERIALS_CLERK", "materials", "INSPECTOR", "inspector", "LEADER", "leader");
    private static final int THREADS = 3;
    private static final Opinion PASS = new Opinion(Verdict.PASS, List.of(), "");

    private final ApplicationIntake intake;
    private final MaterialSupply supply;
    private final NodeWork work;
    private final WorkList workList;
    private final ReviewDesk desk;
    private final Deadlines deadlines;
    private final DeadlineSweep sweep;
    private final DelayExplanations explanations;
    private final Catalogue catalogue;
    private final WorkingCalendar calendar;
    private final UserDetailsService users;
    private final CurrentUsers currentUsers;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Map<String, UserDetails> principals = new ConcurrentHashMap<>();

    OpenOrders(ApplicationIntake intake, MaterialSupply supply, NodeWork work, WorkList workList, ReviewDesk desk, Deadlines deadlines,
            DeadlineSweep sweep, DelayExplanations explanations, Catalogue catalogue, WorkingCalendar calendar, UserDetailsService users,
            CurrentUsers currentUsers, JdbcClient jdbc, TransactionTemplate tx, Clock clock) {
        this.intake = intake;
        this.supply = supply;
        this.work = work;
        this.workList = workList;
        this.desk = desk;
        this.deadlines = deadlines;
        this.sweep = sweep;
        this.explanations = explanations;
        this.catalogue = catalogue;
        this.calendar = calendar;
        this.users = users;
        this.currentUsers = currentUsers;
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
    }

    Result open() {
        byte[] scan = scan();
        long[] ids = new long[SCENARIOS.size()];
        // Orders are independent of each other: a few at a time keep the start short.
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int n = 0; n < SCENARIOS.size(); n++) {
                int i = n;
                done.add(pool.submit(() -> {
                    Scenario scenario = SCENARIOS.get(i);
                    ids[i] = accept(i, scenario, scan);
                    advance(ids[i], scenario);
                    redate(ids[i], scenario);
                }));
            }
            for (Future<?> order : done) {
                order.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Demo orders interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("A demo order could not be opened", e.getCause());
        } finally {
            pool.shutdownNow();
        }
        List<Long> red = new ArrayList<>();
        for (int i = 0; i < SCENARIOS.size(); i++) {
            if (SCENARIOS.get(i).colour() == Colour.RED && !SCENARIOS.get(i).west()) {
                red.add(ids[i]);
            }
        }
        sweep.sweep();
        // Two late handlers explain their delay; the leader in charge finds them waiting for a decision (R-SLA-4/5).
        for (long id : red.subList(0, Math.min(2, red.size()))) {
            deadlines.ofOrder(id).stream().filter(node -> node.open() && node.locked()).findFirst().ifPresent(node -> {
                CurrentUser handler = user(node.handler() != null ? node.handler() : staffFor(node.roles().iterator().next()));
                as(handler, () -> explanations.file(node.id(), DelayCategory.CUSTOMER_NOT_COOPERATING.name(),
                        "\u5ba2\u6237\u591a\u6b21\u7ea6\u5b9a\u540e\u672a\u5728\u73b0\u573a\uff0c\u5df2\u91cd\u65b0\u7ea6\u5b9a\u65f6\u95f4", handler));
            });
        }
        return new Result(SCENARIOS.size());
    }

    private long accept(int i, Scenario scenario, byte[] scan) {
        CurrentUser clerk = user(scenario.west() ? "clerk.west" : "clerk");
        boolean person = scenario.typeCode().equals("LV_RES_NEW");
        int serial = 5_000 + i;
        String name = person ? "\u5b59\u6f14\u793a" + "\u7532\u4e59\u4e19\u4e01\u620a\u5df1\u5e9a\u8f9b".charAt(i % 8)
                : "\u793a\u8303\u5efa\u8bbe" + "\u7532\u4e59\u4e19\u4e01\u620a\u5df1\u5e9a\u8f9b".charAt(i % 8) + "\u6709\u9650\u516c\u53f8";
        String subject = person ? FinishedHistory.idNumber(serial) : FinishedHistory.creditCode(serial);
        BigDecimal capacity = new BigDecimal(switch (scenario.typeCode()) {
            case "HV_NEW_SINGLE" -> "630";
            case "HV_DEDICATED_LINE" -> "2000";
            case "PV_GRID_CONNECTION" -> "50";
            case "LV_NONRES_NEW" -> "30";
            default -> "8";
        });
        var request = new NewApplication(scenario.typeCode(), person ? ApplicantKind.PERSON : ApplicantKind.ORGANISATION, name, subject,
                String.format("1380000%04d", serial), (scenario.west() ? "\u57ce\u897f" : "\u57ce\u4e1c") + "\u793a\u8303\u8def"
                        + (400 + i) + "\u53f7",
                capacity, CapacityUnit.KW, false);
        long id = as(clerk, () -> intake.accept(request, Optional.empty(), clerk)).id();
        List<String[]> outstanding = jdbc.sql("select material_code, deferred_until from application_material "
                + "where application_id = ? and state in ('REQUIRED', 'DEFERRED') order by material_code").param(id)
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)}).list();
        BusinessTypeDefinition type = catalogue.current(scenario.typeCode());
        int at = type.positionOf(scenario.at());
        for (String[] material : outstanding) {
            // Only what the order needs up to its node: the rest is still to be brought, as at a real counter.
            boolean needed = scenario.at() != KeyNode.ACCEPTANCE
                    && (material[1] == null || type.positionOf(KeyNode.valueOf(material[1])) <= at);
            if (!needed || scenario.waitsForMaterial() && material[1] != null) {
                continue;
            }
            as(clerk, () -> supply.supply(id, material[0], new UploadedFile(material[0] + ".pdf", scan), clerk));
        }
        return id;
    }

    /** Works the order's open tasks until one stands at the scenario's node. */
    private void advance(long id, Scenario scenario) {
        for (int step = 0; step < 30; step++) {
            List<WorkItem> open = workList.openItems(new OrderId(id));
            if (open.stream().anyMatch(item -> item.nodeCode().equals(scenario.at().name()))) {
                return;
            }
            if (open.isEmpty()) {
                throw new IllegalStateException("Demo order " + id + " of " + scenario.typeCode() + " ended before " + scenario.at());
            }
            for (WorkItem item : open) {
                workOn(item, scenario.west());
            }
        }
        throw new IllegalStateException("Demo order " + id + " does not reach " + scenario.at());
    }

    private void workOn(WorkItem item, boolean west) {
        String username = item.assignee() != null ? item.assignee()
                : item.roles().stream().sorted().map(role -> west && role.equals("CLERK") ? "clerk.west" : staffFor(role))
                        .filter(java.util.Objects::nonNull).findFirst()
                        .orElseThrow(() -> new IllegalStateException("No demo member of staff for " + item.roles()));
        CurrentUser user = user(username);
        as(user, () -> {
            if (item.nodeCode().equals(KeyNode.SCHEME_REVIEW.name())) {
                if (item.assignee() == null) {
                    desk.open(item.taskId().value(), user);
                }
                return desk.countersign(item.taskId().value(), PASS, user);
            }
            if (item.assignee() == null) {
                work.signFor(item.taskId().value(), user);
            }
            work.complete(item.taskId().value(), fields(item.nodeCode(), LocalDate.now(clock)), user);
            return null;
        });
    }

    private static String staffFor(String role) {
        return EAST_STAFF.get(role);
    }

    /** What each node's form needs (R-DOC-2), as the demo's staff would fill it in. */
    static Map<String, String> fields(String nodeCode, LocalDate today) {
        String day = today.toString();
        return switch (nodeCode) {
            case "SITE_SURVEY" -> Map.of("meterPosition", "\u4e1c\u5899\u8868\u7bb1", "supplyPoint", "3\u53f7\u53f0\u533a\u53d8\u538b\u5668",
                    "distanceMetres", "35.5", "surveyOpinion", "\u5177\u5907\u63a5\u7535\u6761\u4ef6");
            case "SCHEME_DESIGN" -> {
                Map<String, String> scheme = new LinkedHashMap<>(Map.of("supplyVoltage", "220V", "supplyPoint",
                        "3\u53f7\u53f0\u533a\u53d8\u538b\u5668", "meteringMethod", "LV_LV", "tariffCategory", "RESIDENTIAL",
                        "schemeSummary", "\u5355\u76f8\u7535\u80fd\u8868\uff0c\u8868\u7bb1\u5b89\u88c5\u4e8e\u4e1c\u5899"));
                for (int item = 1; item <= 5; item++) {
                    scheme.put("check.LV-" + item, "PASSED");
                }
                yield scheme;
            }
            case "SCHEME_REPLY" -> Map.of("replyDate", day);
            case "DESIGN_REVIEW" -> Map.of("outcome", "PASS");
            case "INTERMEDIATE_INSPECTION", "COMPLETION_ACCEPTANCE" -> Map.of("inspectionDate", day, "outcome", "PASS");
            case "SUPPLY_WORKS" -> Map.of("worksSummary", "\u7269\u8d44\u5df2\u5230\u73b0\u573a");
            case "CONTRACT" -> Map.of("contractNo", "HT-DEMO-001", "customerNo", "3300000001");
            case "METER_INSTALLATION" -> Map.of("meterNo", "DB-DEMO-001", "meterReading", "0");
            case "POWER_ON" -> Map.of("poweredOnDate", day);
            default -> Map.of();
        };
    }

    /**
     * Moves the order's nodes back in time so that its open node shows the scenario's colour: the open node reached
     * so many working days ago, each node before it done the working day before the next was reached, every deadline
     * the one the product gives a node reached then. The engine's and the work list's times follow.
     */
    private void redate(long id, Scenario scenario) {
        BusinessTypeDefinition type = catalogue.current(scenario.typeCode());
        List<NodeDeadline> nodes = deadlines.ofOrder(id);
        if (nodes.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        NodeDeadline last = nodes.get(nodes.size() - 1);
        TimeLimit limit = type.limitOf(KeyNode.valueOf(last.nodeCode())).orElseThrow();
        Instant reached = reachedFor(limit, scenario.colour(), now);
        tx.executeWithoutResult(status -> {
            Instant next = reached;
            for (int k = nodes.size() - 1; k >= 0; k--) {
                NodeDeadline node = nodes.get(k);
                boolean open = node.open();
                TimeLimit nodeLimit = type.limitOf(KeyNode.valueOf(node.nodeCode())).orElse(limit);
                Instant completed = open ? null : next.minus(Duration.ofMinutes(20));
                // A node done before: within half its limit, a same-day or hours' limit within the hour.
                Instant nodeReached = open ? reached
                        : nodeLimit.unit() == LimitUnit.WORKING_HOURS || nodeLimit.amount() < 2 ? completed.minus(Duration.ofMinutes(40))
                                : minusWorkingDays(completed, nodeLimit.amount() / 2);
                NodeSchedule schedule = deadlines.scheduleOf(nodeLimit, nodeReached);
                Instant signed = node.signedAt() == null ? null : nodeReached.plus(Duration.ofMinutes(30));
                jdbc.sql("""
                        update node_deadline set reached_at = ?, signed_at = ?, due_at = ?, yellow_at = ?, remind_at = ?,
                            completed_at = ?, reminded_at = null, turned_yellow_at = null, turned_red_at = null
                        where id = ?""")
                        .params(ts(nodeReached), ts(signed), ts(schedule.dueAt()), ts(schedule.yellowAt()), ts(schedule.remindAt()),
                                ts(completed), node.id())
                        .update();
                jdbc.sql("update act_hi_taskinst set start_time_ = ?, claim_time_ = ?, end_time_ = ?, due_date_ = ? where id_ = ?")
                        .params(ts(nodeReached), ts(signed), ts(completed), ts(schedule.dueAt()), node.taskId()).update();
                if (open) {
                    jdbc.sql("update act_ru_task set create_time_ = ?, claim_time_ = ?, due_date_ = ? where id_ = ?")
                            .params(ts(nodeReached), ts(signed), ts(schedule.dueAt()), node.taskId()).update();
                    // The work list reads the due date from the engine's task.
                    jdbc.sql("update work_item set created_at = ?, claimed_at = ? where task_id = ?")
                            .params(ts(nodeReached), ts(signed), node.taskId()).update();
                    jdbc.sql("update work_item_role set created_at = ? where task_id = ?").params(ts(nodeReached), node.taskId()).update();
                    jdbc.sql("update review set received_at = ?, due_at = ? where task_id = ? and decided_at is null")
                            .params(ts(nodeReached), ts(schedule.dueAt()), node.taskId()).update();
                }
                next = nodeReached;
            }
            jdbc.sql("update application set created_at = ? where id = ?").params(ts(next), id).update();
        });
    }

    /** When a node with the limit must have been reached to show the colour now. */
    private Instant reachedFor(TimeLimit limit, Colour colour, Instant now) {
        Instant earlier = now.minus(Duration.ofMinutes(90));
        if (colour == Colour.GREEN) {
            return earlier;
        }
        for (int days = 0; days < 60; days++) {
            // A same-day limit is yellow from the moment its day's reminder passes: reached earlier today.
            Instant reached = days == 0 ? earlier : minusWorkingDays(now, days);
            NodeSchedule schedule = deadlines.scheduleOf(limit, reached);
            boolean yellow = !schedule.yellowAt().isAfter(now) && schedule.dueAt().isAfter(now);
            boolean red = schedule.dueAt().isBefore(now.minus(Duration.ofHours(12)));
            if (colour == Colour.YELLOW ? yellow : red) {
                return reached;
            }
        }
        return minusWorkingDays(now, 60);
    }

    /** The same time of day {@code days} working days earlier, at 10:00 when that would be outside the morning. */
    private Instant minusWorkingDays(Instant at, int days) {
        ZoneId zone = clock.getZone();
        LocalDate date = calendar.plusWorkingDays(LocalDate.ofInstant(at, zone), -days).value();
        return date.atTime(LocalTime.of(10, 0)).atZone(zone).toInstant();
    }

    private CurrentUser user(String username) {
        UserDetails principal = principals.computeIfAbsent(username, users::loadUserByUsername);
        return as(principal, currentUsers::require);
    }

    private <T> T as(CurrentUser user, Supplier<T> work) {
        return as(principals.computeIfAbsent(user.username(), users::loadUserByUsername), work);
    }

    /** Runs {@code work} signed in as the member of staff, so that the audit trail names them as a request of theirs would. */
    private static <T> T as(UserDetails principal, Supplier<T> work) {
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(principal, null, principal.getAuthorities()));
        SecurityContextHolder.setContext(context);
        try {
            return work.get();
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    /** A one-page scan the counter files as each material the applicant brought. */
    private static byte[] scan() {
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                content.beginText();
                content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 14);
                content.newLineAtOffset(72, 760);
                content.showText("Yekuo demo: scanned material");
                content.endText();
            }
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}

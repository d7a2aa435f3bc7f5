package org.yekuo.bench;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.yekuo.calendar.WorkingCalendar;
import org.yekuo.catalogue.Catalogue;
import org.yekuo.catalogue.KeyNode;
import org.yekuo.identity.CurrentUser;
import org.yekuo.intake.ApplicantKind;
import org.yekuo.intake.ApplicationIntake;
import org.yekuo.intake.CapacityUnit;
import org.yekuo.intake.MaterialSupply;
import org.yekuo.intake.NewApplication;
import org.yekuo.work.NodeWork;
import org.yekuo.deadline.Deadlines;
import org.yekuo.deadline.DelayCategory;
import org.yekuo.deadline.DelayExplanation;
import org.yekuo.deadline.DelayExplanations;
import org.yekuo.deadline.ExplanationStatus;
import org.yekuo.deadline.NodeDeadline;
import org.yekuo.document.UploadedFile;
import org.yekuo.review.ReviewerRoles;
import org.yekuo.workflow.OrderId;
import org.yekuo.workflow.WorkList;
import org.yekuo.workflow.WorkItem;

/**
 * Drives orders from acceptance to power-on through Yekuo's application services, as the counter and
 * the field would: accept at the counter, supply what the checklist asks for, then work every open task
 * of the order until none is left. Which task is worked how is {@link NodeDrivers}' business.
 */
final class Lifecycle {

    /** One order of the mix: a catalogue type and the applicant kind it is applied for with. */
    record OrderKind(String typeCode, ApplicantKind applicantKind, int weight) {
    }

    /** Mostly LV residential, as at a real counter; HV orders pass all twelve nodes. */
    static final List<OrderKind> MIX = List.of(new OrderKind("LV_RES_NEW", ApplicantKind.PERSON, 8),
            new OrderKind("LV_NONRES_NEW", ApplicantKind.ORGANISATION, 1),
            new OrderKind("HV_NEW_SINGLE", ApplicantKind.ORGANISATION, 1));

    static final byte[] PDF = org.yekuo.support.SampleFiles.PDF;
    private static final String[] CREDIT_CODES = {"91110000802100433B", "91310000775785552L"};
    /** Applicants' serials; a chaos node starts at its own base so that nodes never invent the same applicant. */
    private static final AtomicLong SERIAL = new AtomicLong(Long.getLong("yekuo.bench.serial-base", System.nanoTime() % 1_000_000));

    private final ApplicationIntake intake;
    private final MaterialSupply supply;
    private final NodeWork work;
    private final WorkList workList;
    private final JdbcClient jdbc;
    private final Staff staff;
    private final NodeDrivers drivers;
    private final Deadlines deadlines;
    private final DelayExplanations explanations;
    private final WorkingCalendar calendar;
    private final Clock clock;

    Lifecycle(ApplicationContext context, NodeDrivers drivers) {
        this.intake = context.getBean(ApplicationIntake.class);
        this.supply = context.getBean(MaterialSupply.class);
        this.work = context.getBean(NodeWork.class);
        this.workList = context.getBean(WorkList.class);
        this.jdbc = context.getBean(JdbcClient.class);
        this.staff = new Staff(context.getBean(org.springframework.security.core.userdetails.UserDetailsService.class));
        this.drivers = drivers;
        this.deadlines = context.getBean(Deadlines.class);
        this.explanations = context.getBean(DelayExplanations.class);
        this.calendar = context.getBean(WorkingCalendar.class);
        this.clock = context.getBean(Clock.class);
    }

    /** The kind of the {@code i}-th order of a run, spread evenly by the weights. */
    static OrderKind kindOf(int i) {
        int total = MIX.stream().mapToInt(OrderKind::weight).sum();
        int slot = Math.floorMod(i * 7, total);
        for (OrderKind kind : MIX) {
            if (slot < kind.weight()) {
                return kind;
            }
            slot -= kind.weight();
        }
        throw new IllegalStateException();
    }

    /**
     * The process and the node codes a type runs through, and the reviewer roles that countersign its
     * scheme in the first round (what the review module answers the engine for an order of the mix).
     */
    record Plan(String processKey, List<String> nodes, List<String> reviewerRoles) {
    }

    /** The plan of each type of the mix, as the catalogue has it today. */
    static Map<String, Plan> plans(Catalogue catalogue) {
        Map<String, Plan> plans = new java.util.HashMap<>();
        for (OrderKind kind : MIX) {
            var type = catalogue.current(kind.typeCode());
            plans.put(kind.typeCode(), new Plan(org.yekuo.workflow.ProcessFamily.valueOf(type.family().name()).processKey(),
                    type.nodeSequence().stream().map(KeyNode::name).toList(),
                    type.reviewersFor(capacity(kind).longValueExact()).stream().map(d -> ReviewerRoles.of(d).name()).toList()));
        }
        return plans;
    }

    /** Accepts and completes {@code count} orders on {@code threads} threads; answers the tasks worked. */
    long run(int count, int threads) throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicLong tasks = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        tasks.addAndGet(toPowerOn(kindOf(i)));
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return tasks.get();
    }

    /** One order from the counter to power-on; answers the number of tasks worked. */
    long toPowerOn(OrderKind kind) {
        long id = accept(kind);
        int worked = 0;
        for (List<WorkItem> open = workList.openItems(new OrderId(id)); !open.isEmpty(); open = workList.openItems(new OrderId(id))) {
            for (WorkItem item : open) {
                drivers.forNode(item.nodeCode()).work(item, staff, work);
                worked++;
            }
            if (worked > 100) {
                throw new IllegalStateException("Order " + id + " does not reach power-on");
            }
        }
        return worked;
    }

    /** Works one open task the way its node's driver says. */
    void work(WorkItem item) {
        drivers.forNode(item.nodeCode()).work(item, staff, work);
    }

    /** Accepts one order at the counter of the demo clerk's station and supplies every material up front, so it never waits. */
    long accept(OrderKind kind) {
        long id = acceptDeferring(kind);
        supplyOutstanding(id);
        return id;
    }

    /** Accepts one order at the counter, leaving its deferred materials for later (the order waits for them). */
    long acceptDeferring(OrderKind kind) {
        CurrentUser clerk = staff.user("clerk");
        long serial = SERIAL.incrementAndGet();
        String subject = kind.applicantKind() == ApplicantKind.PERSON ? idNumber(serial)
                : CREDIT_CODES[(int) (serial % CREDIT_CODES.length)];
        var request = new NewApplication(kind.typeCode(), kind.applicantKind(), "\u5f20\u4e09\u4e30", subject, phone(serial),
                "East District, People's Road " + serial % 1000, capacity(kind),
                CapacityUnit.KW, false);
        return staff.as(clerk, () -> intake.accept(request, Optional.of(UUID.randomUUID().toString()), clerk)).id();
    }

    /** Supplies every material the order still asks for, as the clerk would when the applicant brings it. */
    void supplyOutstanding(long id) {
        CurrentUser clerk = staff.user("clerk");
        List<String> outstanding = jdbc.sql("select material_code from application_material where application_id = ? "
                + "and state in ('REQUIRED', 'DEFERRED') order by material_code").param(id).query(String.class).list();
        for (String material : outstanding) {
            staff.as(clerk, () -> supply.supply(id, material, new UploadedFile(material + ".pdf", PDF), clerk));
        }
    }

    /** Whether one of the order's open nodes is locked for being overdue. */
    boolean locked(long orderId) {
        return deadlines.ofOrder(orderId).stream().anyMatch(node -> node.locked() && node.open());
    }

    /**
     * Releases the order's overdue locks the way the product requires (R-SLA-4/5): the node's handler (before anyone
     * signed for it, whoever may) explains the delay, and the leader in charge approves a new deadline two working
     * days on. An explanation a killed node left waiting is decided, not filed again. Answers the locks released.
     */
    int releaseLocks(long orderId) {
        int released = 0;
        for (NodeDeadline node : deadlines.ofOrder(orderId)) {
            if (!node.locked() || !node.open()) {
                continue;
            }
            long pending = explanations.ofOrder(orderId).stream()
                    .filter(e -> e.deadlineId() == node.id() && e.status() == ExplanationStatus.PENDING)
                    .mapToLong(DelayExplanation::id).findFirst()
                    .orElseGet(() -> {
                        CurrentUser handler = node.handler() != null ? staff.user(node.handler())
                                : staff.forRoles(node.roles()).orElseThrow(() -> new IllegalStateException(
                                        "No benchmark user for roles " + node.roles() + " of node " + node.nodeCode()));
                        return staff.as(handler, () -> explanations.file(node.id(), DelayCategory.INTERNAL_HANDOFF.name(),
                                "Field team held up by other orders", handler)).id();
                    });
            CurrentUser leader = staff.user("leader");
            LocalDate newDue = calendar.plusWorkingDays(LocalDate.now(clock), 2).value();
            staff.as(leader, () -> explanations.approve(pending, newDue, "", leader));
            released++;
        }
        return released;
    }

    /** The order's open tasks. */
    List<WorkItem> openItems(long id) {
        return workList.openItems(new OrderId(id));
    }

    /** The capacity an order of the kind is applied for, in kW. */
    static BigDecimal capacity(OrderKind kind) {
        return new BigDecimal(kind.typeCode().startsWith("HV") ? "630" : "8");
    }

    static String phone(long serial) {
        return "139" + String.format("%08d", serial % 100_000_000);
    }

    /** A valid resident ID number (GB 11643 check character) made from a serial. */
    static String idNumber(long serial) {
        String first17 = "110105" + (1950 + serial % 50) + String.format("%02d", 1 + serial % 12)
                + String.format("%02d", 1 + serial % 28) + String.format("%03d", serial / 28 % 1000);
        int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * weights[i];
        }
        return first17 + "10X98765432".charAt(sum % 11);
    }
}

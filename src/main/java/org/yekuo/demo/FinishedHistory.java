package org.yekuo.demo;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.yekuo.audit.AuditBackfill;
import org.yekuo.calendar.WorkingCalendar;
import org.yekuo.catalogue.BusinessTypeDefinition;
import org.yekuo.catalogue.Catalogue;
import org.yekuo.catalogue.ChecklistItem;
import org.yekuo.catalogue.KeyNode;
import org.yekuo.catalogue.LimitUnit;
import org.yekuo.catalogue.TimeLimit;
import org.yekuo.deadline.DelayCategory;
import org.yekuo.deadline.Deadlines;
import org.yekuo.deadline.Deadlines.NodeSchedule;
import org.yekuo.intake.ResidentIdNumber;
import org.yekuo.intake.UnifiedSocialCreditCode;
import org.yekuo.shared.Masking;
import org.yekuo.shared.PersonalDataCipher;
import org.yekuo.workflow.NodeCodes;
import org.yekuo.workflow.ProcessFamily;

/**
 * A year of finished orders at the demo's two stations, written in bulk as intake, the deadline module and the engine
 * leave a finished order (as the benchmark's generator does), with properties a leader can find (R-SLA-9): the west
 * station's design review runs late in most cases while the east's is quick; about one node in 25 elsewhere ran
 * late, each with its approved delay explanation (R-SLA-4/5); a third of the HV orders failed their completion
 * acceptance and went back to the supply works once. Every draw comes from one seeded random, so the history is the
 * same on every first start. Applicants' personal data is sealed, blind-indexed and masked as intake does (R-X-3),
 * and each order's steps are appended to the audit chain with the moments they happened (R-X-2).
 */
@Component
// Used only by DemoHistory and under its condition: the audit back-dating port exists only there.
@ConditionalOnProperty(prefix = "yekuo.demo", name = { "enabled", "history" }, havingValue = "true")
class FinishedHistory {

    static final String EAST_TEAM = "YK-EAST-BIZ";
    static final String WEST_TEAM = "YK-WEST-BIZ";
    /** The type codes of the history and their share in a hundred orders. */
    static final Map<String, Integer> MIX = Map.of("LV_RES_NEW", 50, "LV_NONRES_NEW", 20, "HV_NEW_SINGLE", 18,
            "PV_GRID_CONNECTION", 12);
    private static final List<String> TYPES = List.of("LV_RES_NEW", "LV_NONRES_NEW", "HV_NEW_SINGLE", "PV_GRID_CONNECTION");
    /** Orders per transaction: each one's audit records are appended at its commit. */
    private static final int BATCH = 60;
    /** Surnames and given names that read as made up for the demo. */
    private static final String[] SURNAMES = {"\u5f20", "\u738b", "\u674e", "\u8d75", "\u5218", "\u9648", "\u6768", "\u5468"};
    private static final String[] GIVEN = {"\u793a\u8303", "\u6f14\u793a", "\u6837\u4f8b", "\u6d4b\u8bd5"};

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Catalogue catalogue;
    private final WorkingCalendar calendar;
    private final Deadlines deadlines;
    private final PersonalDataCipher cipher;
    private final AuditBackfill audit;
    private final Clock clock;

    FinishedHistory(JdbcClient jdbc, TransactionTemplate tx, Catalogue catalogue, WorkingCalendar calendar, Deadlines deadlines,
            PersonalDataCipher cipher, AuditBackfill audit, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.catalogue = catalogue;
        this.calendar = calendar;
        this.deadlines = deadlines;
        this.cipher = cipher;
        this.audit = audit;
        this.clock = clock;
    }

    /** Where an order was accepted: the counter team's unit and path. */
    record Counter(String code, long unitId, String path, boolean west) {
    }

    /** One node of a generated order as the deadline module keeps it. */
    private record Node(KeyNode node, String roles, String handler, Instant reached, Instant signed, Instant completed,
            NodeSchedule schedule, TimeLimit limit, String returnTo) {

        boolean late() {
            return completed.isAfter(schedule.dueAt());
        }
    }

    /** Writes {@code count} finished orders; answers how many nodes ran late. */
    int write(int count) {
        Random random = new Random(2026);
        Counter east = counter(EAST_TEAM, false);
        Counter west = counter(WEST_TEAM, true);
        Instant now = clock.instant();
        int late = 0;
        for (int from = 0; from < count; from += BATCH) {
            int to = Math.min(count, from + BATCH);
            int first = from;
            late += tx.execute(status -> {
                int lateInBatch = 0;
                for (int i = first; i < to; i++) {
                    Counter counter = random.nextInt(100) < 55 ? east : west;
                    lateInBatch += order(i, count, counter, typeOf(random), random, now);
                }
                return lateInBatch;
            });
        }
        return late;
    }

    Counter counter(String code, boolean west) {
        return jdbc.sql("select id, path from org_unit where code = ?").param(code)
                .query((rs, n) -> new Counter(code, rs.getLong(1), rs.getString(2), west)).single();
    }

    private static String typeOf(Random random) {
        int slot = random.nextInt(100);
        for (String type : TYPES) {
            slot -= MIX.get(type);
            if (slot < 0) {
                return type;
            }
        }
        return TYPES.get(0);
    }

    /** One finished order, the {@code i}-th of {@code count} spread over the year; answers its late nodes. */
    private int order(int i, int count, Counter counter, String typeCode, Random random, Instant now) {
        BusinessTypeDefinition type = catalogue.current(typeCode);
        boolean hv = type.family().name().equals("HV");
        ZoneId zone = clock.getZone();
        // Accepted evenly over the last year up to three weeks ago (PV up to two months, HV three: they take longer), in the
        // morning of a working day.
        long daysAgo = 21 + (365 - 21) * (count - i) / count;
        daysAgo = Math.max(daysAgo, hv ? 95 : type.family().name().equals("PV") ? 60 : 21);
        LocalDate day = LocalDate.ofInstant(now, zone).minusDays(daysAgo);
        while (!calendar.isWorkingDay(day) || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
            day = day.plusDays(1);
        }
        Instant created = day.atTime(LocalTime.of(8, 40).plusMinutes(random.nextInt(180))).atZone(zone).toInstant();

        List<KeyNode> sequence = new ArrayList<>(type.nodeSequence());
        boolean failedAcceptance = hv && random.nextInt(3) == 0;
        if (failedAcceptance) {
            int at = sequence.indexOf(KeyNode.COMPLETION_ACCEPTANCE);
            sequence.addAll(at + 1, List.of(KeyNode.SUPPLY_WORKS, KeyNode.COMPLETION_ACCEPTANCE));
        }
        List<Node> nodes = new ArrayList<>();
        Instant at = created;
        boolean firstAcceptance = true;
        for (KeyNode key : sequence) {
            TimeLimit limit = type.limitOf(key).orElseThrow();
            NodeSchedule schedule = deadlines.scheduleOf(limit, at);
            boolean slowDesignReview = counter.west() && key == KeyNode.DESIGN_REVIEW;
            boolean late = slowDesignReview ? random.nextInt(10) < 6 : random.nextInt(25) == 0;
            Instant completed;
            if (late) {
                double days = slowDesignReview ? 1 + random.nextDouble() * 5 : 0.5 + random.nextDouble() * 2;
                completed = plusWorkingHours(schedule.dueAt(), Duration.ofMinutes((long) (days * 8 * 60)));
            } else {
                // Most nodes are done well within their limit, a few use most of it.
                double r = random.nextDouble();
                double share = slowDesignReview ? 0.7 + r * 0.25 : 0.05 + r * r * 0.7;
                completed = plusWorkingHours(at, Duration.ofMinutes((long) (share * budgetMinutes(limit))));
            }
            Instant signed = at.plusSeconds((long) ((completed.getEpochSecond() - at.getEpochSecond()) * (0.1 + random.nextDouble() * 0.2)));
            String returnTo = failedAcceptance && key == KeyNode.COMPLETION_ACCEPTANCE && firstAcceptance ? KeyNode.SUPPLY_WORKS.name() : null;
            if (key == KeyNode.COMPLETION_ACCEPTANCE) {
                firstAcceptance = false;
            }
            nodes.add(new Node(key, roles(key), handler(key, counter), at, signed, completed, schedule, limit, returnTo));
            at = completed;
        }
        long id = application(i, counter, type, created, at, random);
        materials(id, type, created);
        engineHistory(id, type, counter, created, at, nodes);
        int late = 0;
        String orderNo = jdbc.sql("select order_no from application where id = ?").param(id).query(String.class).single();
        for (int k = 0; k < nodes.size(); k++) {
            Node node = nodes.get(k);
            long deadlineId = deadline(id, orderNo, type, counter, node, k);
            if (node.late()) {
                late++;
                explanation(deadlineId, id, node, random);
            }
        }
        auditTrail(orderNo, type, counter, created, nodes);
        return late;
    }

    private static long budgetMinutes(TimeLimit limit) {
        if (limit.unit() == LimitUnit.WORKING_HOURS) {
            return limit.amount() * 60L;
        }
        // A same-day limit leaves the morning's acceptance the rest of the office day.
        return limit.amount() == 0 ? 4 * 60L : limit.amount() * 8 * 60L;
    }

    private Instant plusWorkingHours(Instant from, Duration hours) {
        ZoneId zone = clock.getZone();
        return calendar.plusWorkingHours(LocalDateTime.ofInstant(from, zone), hours).value().atZone(zone).toInstant();
    }

    /** The candidate roles of a node's task, as the processes name them. */
    static String roles(KeyNode node) {
        return switch (node) {
            case ACCEPTANCE, SCHEME_REPLY, CONTRACT -> "CLERK";
            case SITE_SURVEY -> "SURVEYOR";
            case SCHEME_DESIGN -> "DESIGNER";
            case SCHEME_REVIEW -> "REVIEWER_MARKETING";
            case DESIGN_REVIEW -> "REVIEWER_OPERATIONS";
            case SUPPLY_WORKS -> "MATERIALS_CLERK";
            default -> "INSPECTOR";
        };
    }

    /** Who of the demo's staff handled a node at the station. */
    private static String handler(KeyNode node, Counter counter) {
        return switch (node) {
            case ACCEPTANCE, SCHEME_REPLY, CONTRACT -> counter.west() ? "clerk.west" : "clerk";
            case SITE_SURVEY -> "surveyor";
            case SCHEME_DESIGN -> "designer";
            case SCHEME_REVIEW -> "marketing";
            case DESIGN_REVIEW -> counter.west() ? "ops.li" : "ops";
            case SUPPLY_WORKS -> "materials";
            default -> "inspector";
        };
    }

    private long application(int i, Counter counter, BusinessTypeDefinition type, Instant created, Instant completed, Random random) {
        boolean person = type.code().equals("LV_RES_NEW");
        String name = person ? SURNAMES[i % SURNAMES.length] + GIVEN[(i / SURNAMES.length) % GIVEN.length]
                : "\u793a\u8303" + SURNAMES[i % SURNAMES.length] + "\u8bb0\u6709\u9650\u516c\u53f8";
        String subject = person ? idNumber(i) : creditCode(i);
        String phone = String.format("1380000%04d", i);
        int year = LocalDate.ofInstant(created, clock.getZone()).getYear();
        String orderNo = nextOrderNo(year);
        BigDecimal capacity = new BigDecimal(type.code().startsWith("HV") ? 400 + 10 * random.nextInt(60)
                : type.code().startsWith("PV") ? 20 + random.nextInt(200) : 4 + random.nextInt(30));
        String street = "\u793a\u8303\u8def" + (1 + i % 300) + "\u53f7";
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into application (order_no, type_code, type_version, plan_type_code, plan_type_version, family, status,
                    applicant_kind, applicant_name_sealed, applicant_name_masked, applicant_name_index, subject_code_sealed,
                    subject_code_index, subject_code_masked, phone_sealed, phone_masked, phone_index, supply_address,
                    capacity_amount, capacity_unit, channel, org_unit_id, org_path, stopped_at_node, progress_token, created_by,
                    created_at, completed_at)
                values (?, ?, ?, ?, ?, ?, 'COMPLETED', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'KW', ?, ?, ?, null, ?, ?, ?, ?)""")
                .params(orderNo, type.code(), type.version(), type.code(), type.version(), type.family().name(),
                        person ? "PERSON" : "ORGANISATION", cipher.encrypt(name), Masking.chineseName(name), cipher.blindIndex(name),
                        cipher.encrypt(subject), cipher.blindIndex(subject), person ? Masking.idNumber(subject) : Masking.creditCode(subject),
                        cipher.encrypt(phone), Masking.mobile(phone), cipher.blindIndex(phone),
                        (counter.west() ? "\u57ce\u897f" : "\u57ce\u4e1c") + street, capacity, i % 4 == 0 ? "ONLINE" : "COUNTER",
                        counter.unitId(), counter.path(), java.util.UUID.randomUUID().toString(), counter.west() ? "clerk.west" : "clerk",
                        Timestamp.from(created), Timestamp.from(completed))
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    /** The next order number of the year, from the counter intake numbers its orders with. */
    private String nextOrderNo(int year) {
        if (jdbc.sql("update order_number_counter set last_no = last_no + 1 where year_no = ?").param(year).update() == 0) {
            jdbc.sql("insert into order_number_counter (year_no, last_no) values (?, 1)").param(year).update();
        }
        int number = jdbc.sql("select last_no from order_number_counter where year_no = ?").param(year).query(Integer.class).single();
        return String.format("YK-%d-%06d", year, number);
    }

    private void materials(long id, BusinessTypeDefinition type, Instant created) {
        for (ChecklistItem item : type.checklist()) {
            jdbc.sql("insert into application_material (application_id, material_code, state, deferred_until, supplied_at) "
                    + "values (?, ?, 'SUPPLIED', ?, ?)")
                    .params(id, item.material().code(), item.deferredUntil() == null ? null : item.deferredUntil().name(),
                            Timestamp.from(created))
                    .update();
        }
    }

    /** The engine's history of the order, which its timeline and flow chart read: the process, its tasks, its variables. */
    private void engineHistory(long id, BusinessTypeDefinition type, Counter counter, Instant created, Instant completed,
            List<Node> nodes) {
        String processKey = ProcessFamily.valueOf(type.family().name()).processKey();
        String definition = jdbc.sql("select id_ from act_re_procdef where key_ = ? order by version_ desc")
                .param(processKey).query(String.class).list().get(0);
        String instance = "demo-" + id;
        jdbc.sql("""
                insert into act_hi_procinst (id_, rev_, proc_inst_id_, business_key_, proc_def_id_, start_time_, end_time_,
                    duration_, start_act_id_, end_act_id_, tenant_id_)
                values (?, 1, ?, ?, ?, ?, ?, ?, 'applicationAccepted', 'powerSwitchedOn', '')""")
                .params(instance, instance, Long.toString(id), definition, Timestamp.from(created), Timestamp.from(completed),
                        Duration.between(created, completed).toMillis())
                .update();
        for (int k = 0; k < nodes.size(); k++) {
            Node node = nodes.get(k);
            boolean review = node.node() == KeyNode.SCHEME_REVIEW;
            jdbc.sql("""
                    insert into act_hi_taskinst (id_, rev_, proc_def_id_, task_def_key_, proc_inst_id_, execution_id_, name_,
                        category_, assignee_, start_time_, claim_time_, end_time_, duration_, due_date_, priority_,
                        last_updated_time_, tenant_id_)
                    values (?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 50, ?, '')""")
                    .params(instance + "-" + k, definition, review ? "departmentReview" : NodeCodes.elementId(node.node().name()),
                            instance, instance, node.node().name(), review ? KeyNode.SCHEME_REVIEW.name() : null, node.handler(),
                            Timestamp.from(node.reached()), Timestamp.from(node.signed()), Timestamp.from(node.completed()),
                            Duration.between(node.reached(), node.completed()).toMillis(), Timestamp.from(node.schedule().dueAt()),
                            Timestamp.from(node.completed()))
                    .update();
        }
        String planned = String.join(",", type.nodeSequence().stream().map(KeyNode::name).toList());
        Object[][] variables = {{"orderId", "long", null, id}, {"plannedNodes", "string", planned, null},
                {"orgPath", "string", counter.path(), null}};
        for (Object[] v : variables) {
            jdbc.sql("""
                    insert into act_hi_varinst (id_, rev_, proc_inst_id_, execution_id_, name_, var_type_, text_, long_,
                        create_time_, last_updated_time_)
                    values (?, 0, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(instance + "-" + v[0], instance, instance, v[0], v[1], v[2], v[3], Timestamp.from(created),
                            Timestamp.from(created))
                    .update();
        }
    }

    private long deadline(long id, String orderNo, BusinessTypeDefinition type, Counter counter, Node node, int k) {
        NodeSchedule s = node.schedule();
        Instant completed = node.completed();
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into node_deadline (order_id, order_no, type_code, type_version, node_code, task_id, roles, org_path,
                    handler, reached_at, signed_at, due_at, yellow_at, remind_at, completed_at, reminded_at, turned_yellow_at,
                    turned_red_at, limit_unit)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, orderNo, type.code(), type.version(), node.node().name(), "demo-" + id + "-" + k, node.roles(),
                        counter.path(), node.handler(), Timestamp.from(node.reached()), Timestamp.from(node.signed()),
                        Timestamp.from(s.dueAt()), Timestamp.from(s.yellowAt()), Timestamp.from(s.remindAt()),
                        Timestamp.from(completed), completed.isAfter(s.remindAt()) ? Timestamp.from(s.remindAt()) : null,
                        completed.isAfter(s.yellowAt()) ? Timestamp.from(s.yellowAt()) : null,
                        node.late() ? Timestamp.from(s.dueAt()) : null, node.limit().unit().name())
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    /** The handler's explanation of a late node, approved by the leader in charge (R-SLA-4/5). */
    private void explanation(long deadlineId, long orderId, Node node, Random random) {
        DelayCategory[] categories = DelayCategory.values();
        DelayCategory category = node.node() == KeyNode.DESIGN_REVIEW ? DelayCategory.INTERNAL_HANDOFF
                : categories[random.nextInt(categories.length)];
        Instant filed = node.schedule().dueAt().plus(Duration.ofHours(9));
        jdbc.sql("""
                insert into delay_explanation (deadline_id, order_id, node_code, category, explanation, filed_by, filed_at, status,
                    decided_by, decided_at, decision_note)
                values (?, ?, ?, ?, ?, ?, ?, 'APPROVED', 'leader', ?, '')""")
                .params(deadlineId, orderId, node.node().name(), category.name(), EXPLANATIONS.get(category), node.handler(),
                        Timestamp.from(filed), Timestamp.from(filed.plus(Duration.ofHours(2))))
                .update();
    }

    private static final Map<DelayCategory, String> EXPLANATIONS = Map.of(
            DelayCategory.MATERIALS_OUT_OF_STOCK, "\u7535\u80fd\u8868\u5e93\u5b58\u4e0d\u8db3\uff0c\u7b49\u5f85\u8c03\u62e8",
            DelayCategory.CUSTOMER_NOT_COOPERATING, "\u5ba2\u6237\u73b0\u573a\u65e0\u4eba\uff0c\u5df2\u7ea6\u5b9a\u65b0\u65f6\u95f4",
            DelayCategory.INTERNAL_HANDOFF, "\u8bbe\u8ba1\u6587\u4ef6\u5728\u90e8\u95e8\u95f4\u79fb\u4ea4\u8017\u65f6",
            DelayCategory.EXTERNAL_PERMITS, "\u7b49\u5f85\u5e02\u653f\u6398\u8def\u8bb8\u53ef",
            DelayCategory.SITE_OR_WEATHER, "\u8fde\u7eed\u964d\u96e8\uff0c\u65e0\u6cd5\u65bd\u5de5",
            DelayCategory.OTHER, "\u5176\u4ed6\u539f\u56e0\uff0c\u5df2\u4e0e\u5ba2\u6237\u6c9f\u901a");

    /** The order's steps on the audit chain, at the moments they happened, by whoever did them (R-X-2). */
    private void auditTrail(String orderNo, BusinessTypeDefinition type, Counter counter, Instant created, List<Node> nodes) {
        long deferred = type.checklist().stream().filter(item -> item.deferredUntil() != null).count();
        audit.record(counter.west() ? "clerk.west" : "clerk", created, DemoAudit.APPLICATION_ACCEPTED, "application", orderNo,
                "type=" + type.code() + " version=" + type.version() + " deferred=" + deferred + " onFile=0 channel=COUNTER");
        for (Node node : nodes) {
            audit.record(node.handler(), node.signed(), DemoAudit.NODE_SIGNED_FOR, "application", orderNo,
                    "node=" + node.node().name());
            audit.record(node.handler(), node.completed(), DemoAudit.NODE_COMPLETED, "application", orderNo,
                    "node=" + node.node().name() + (node.returnTo() == null ? "" : " returnTo=" + node.returnTo()));
        }
        audit.record("inspector", nodes.get(nodes.size() - 1).completed(), DemoAudit.APPLICATION_COMPLETED, "application",
                orderNo, "");
    }

    /** A resident ID number with a valid check character (GB 11643), born in 1960-1999. */
    static String idNumber(int i) {
        String first17 = "110105" + (1960 + i % 40) + String.format("%02d%02d", 1 + i % 12, 1 + i % 28) + String.format("%03d", i % 1000);
        return first17 + ResidentIdNumber.checkCharacter(first17);
    }

    /** A unified social credit code with a valid check character (GB 32100). */
    static String creditCode(int i) {
        String first17 = "91330100MA" + String.format("%07d", 2_000_000 + i);
        return first17 + UnifiedSocialCreditCode.checkCharacter(first17);
    }
}

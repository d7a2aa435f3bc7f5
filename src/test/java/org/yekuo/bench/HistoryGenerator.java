package org.yekuo.bench;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.yekuo.audit.AuditEntry;
import org.yekuo.catalogue.BusinessTypeSummary;
import org.yekuo.catalogue.Catalogue;
import org.yekuo.catalogue.Department;
import org.yekuo.catalogue.ReviewGuideline;
import org.yekuo.catalogue.ReviewGuidelines;
import org.yekuo.review.SignatureProvider;
import org.yekuo.review.SignedStatement;
import org.yekuo.review.Verdict;
import org.yekuo.catalogue.ChecklistItem;
import org.yekuo.catalogue.KeyNode;
import org.yekuo.identity.CurrentUser;
import org.yekuo.identity.Role;
import org.yekuo.work.NodeWork;
import org.yekuo.shared.Masking;
import org.yekuo.shared.PersonalDataCipher;
import org.yekuo.shared.Sm3;
import org.yekuo.workflow.OrderId;
import org.yekuo.workflow.WorkList;
import org.yekuo.workflow.WorkItem;

/**
 * Fills the benchmark database with a province's history: finished orders over three years through bulk
 * SQL (generate_series) shaped like what the services write, and open orders through the services
 * themselves, so their engine state, audit records and deadlines are the product's own.
 *
 * <ul>
 * <li>Finished orders: application (personal data sealed with the product's cipher from a pool of 4,096
 * distinct applicants, masked and blind-indexed like intake does), its checklist (supplied; deferred
 * items supplied at the node they were due), the required fields of every node, one node_deadline row per
 * node task, delay explanations for late nodes, the engine's history (process, tasks, planned-nodes
 * variable, so the timeline shows), and the audit records intake writes, appended to the hash chain in
 * order with SM3 computed as AuditTrail does, so audit verification still passes.</li>
 * <li>Open orders: accepted at the counter of one of the stations and advanced through a random number of
 * nodes with {@link ApplicationIntake}/{@link NodeWork}, on several threads.</li>
 * </ul>
 * Progress is kept in {@code bench_generation}: a run that stopped resumes at its last committed chunk,
 * and a database generated at another scale is refused.
 */
final class HistoryGenerator {

    static final String SECTION = "data generator";
    private static final int CHUNK = 10_000;
    /** The demo reviewer who countersigns for each department in the generated history. */
    private static final Map<Department, String> REVIEWERS = Map.of(Department.OPERATIONS, "ops", Department.MARKETING,
            "marketing", Department.DISPATCH, "dispatch");
    private static final int POOL = 4_096;
    private static final int STATIONS = 20;

    private final ApplicationContext context;
    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final Catalogue catalogue;
    private final PersonalDataCipher cipher;
    private final Clock clock;

    HistoryGenerator(ApplicationContext context, BenchDatabase db) {
        this.context = context;
        this.jdbc = context.getBean(JdbcClient.class);
        this.dataSource = context.getBean(DataSource.class);
        this.catalogue = context.getBean(Catalogue.class);
        this.cipher = context.getBean(PersonalDataCipher.class);
        this.clock = context.getBean(Clock.class);
    }

    void ensure(long finished, long open, Results results) throws Exception {
        jdbc.sql("""
                create table if not exists bench_generation (id integer primary key, finished_target bigint not null,
                    open_target bigint not null, finished_done bigint not null, open_done bigint not null,
                    base_id bigint not null, started_at timestamp with time zone not null)""").update();
        var state = jdbc.sql("select finished_target, open_target, finished_done, open_done, base_id, started_at "
                + "from bench_generation where id = 1").query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3),
                rs.getLong(4), rs.getLong(5), rs.getTimestamp(6).getTime()}).optional();
        if (state.isPresent() && (state.get()[0] != finished || state.get()[1] != open)) {
            throw new IllegalStateException("This database holds a history generated for " + state.get()[0] + " finished and "
                    + state.get()[1] + " open orders; use another database (-Dbench.data or YEKUO_BENCH_DATABASE_URL) "
                    + "for another scale");
        }
        if (state.isEmpty()) {
            long base = jdbc.sql("select coalesce(max(id), 0) + 1000 from application").query(Long.class).single();
            // Reserve the id range of the generated history before anything else takes ids from the sequence.
            jdbc.sql("select setval(pg_get_serial_sequence('application', 'id'), ?)").param(base + finished + 1000)
                    .query(Long.class).single();
            jdbc.sql("insert into bench_generation values (1, ?, ?, 0, 0, ?, ?)")
                    .params(finished, open, base, Timestamp.from(clock.instant())).update();
            state = java.util.Optional.of(new long[] {finished, open, 0, 0, base, clock.millis()});
        }
        long[] s = state.get();
        if (s[2] >= finished && s[3] >= open) {
            results.add(SECTION, "history present", (double) (finished + open), "orders", null,
                    "generated earlier; reused as it is");
            return;
        }
        List<Long> stations = stations();
        long t = System.nanoTime();
        long done = s[2];
        if (done < finished) {
            Instant end = LocalDate.now(clock).minusDays(45).atStartOfDay(clock.getZone()).toInstant();
            Instant begin = end.minus(Duration.ofDays(3 * 365));
            Bulk bulk = new Bulk(s[4], finished, begin, end, stations);
            while (done < finished) {
                long hi = Math.min(finished, done + CHUNK);
                bulk.chunk(done, hi);
                done = hi;
                if (done % 100_000 == 0 || done == finished) {
                    System.out.printf("generated %d of %d finished orders (%.0f s)%n", done, finished, (System.nanoTime() - t) / 1e9);
                }
            }
            double seconds = (System.nanoTime() - t) / 1e9;
            results.add(SECTION, "finished orders, bulk SQL", (finished - s[2]) / seconds, "orders/s", null,
                    (finished - s[2]) + " in " + String.format("%.0f", seconds) + " s");
        }
        t = System.nanoTime();
        long opened = openOrders(s[3], open, stations);
        if (opened > 0) {
            double seconds = (System.nanoTime() - t) / 1e9;
            results.add(SECTION, "open orders, through the services", opened / seconds, "orders/s", null,
                    opened + " in " + String.format("%.0f", seconds) + " s");
        }
        jdbc.sql("analyze").update();
        counts(results);
        // The generated records must pass the same verification as appended ones.
        t = System.nanoTime();
        var verification = context.getBean(org.yekuo.audit.AuditTrail.class).verify();
        results.add(SECTION, "audit chain verified", verification.intact() ? 1.0 : 0.0, "intact", "1",
                verification.recordsChecked() + " records in " + String.format("%.0f", (System.nanoTime() - t) / 1e9) + " s"
                        + (verification.intact() ? "" : ", broken at " + verification.firstBrokenSeq() + ": " + verification.reason()));
    }

    /** The demo stations plus generated ones, each with a customer service and a field team, as org unit ids. */
    /** What the history holds of the review and deadline modules, to check it against the services. */
    private void counts(Results results) {
        long rounds = jdbc.sql("select count(*) from review_round").query(Long.class).single();
        long reviews = jdbc.sql("select count(*) from review r join review_signature s on s.id = r.signature_id "
                + "where r.verdict is not null").query(Long.class).single();
        results.add(SECTION, "review rounds", (double) rounds, "rounds", null, reviews + " signed department opinions");
        long openTasks = jdbc.sql("select count(*) from act_ru_task").query(Long.class).single();
        long openRows = jdbc.sql("select count(*) from node_deadline where completed_at is null").query(Long.class).single();
        results.add(SECTION, "open node_deadline rows", (double) openRows, "rows", null, openTasks + " open engine tasks");
    }

    private List<Long> stations() {
        long company = jdbc.sql("select id from org_unit where code = 'YK'").query(Long.class).single();
        String companyPath = jdbc.sql("select path from org_unit where id = ?").param(company).query(String.class).single();
        for (int n = 1; n <= STATIONS; n++) {
            String code = String.format("YK-S%02d", n);
            if (jdbc.sql("select count(*) from org_unit where code = ?").param(code).query(Long.class).single() > 0) {
                continue;
            }
            long id = insertUnit(code, "STATION", company, companyPath, "Station " + n);
            String path = companyPath + id + "/";
            insertUnit(code + "-BIZ", "TEAM", id, path, "Station " + n + " customer service");
            insertUnit(code + "-FIELD", "TEAM", id, path, "Station " + n + " metering");
        }
        return jdbc.sql("select id from org_unit where kind = 'STATION' order by id").query(Long.class).list();
    }

    private long insertUnit(String code, String kind, long parent, String parentPath, String name) {
        var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("insert into org_unit (code, name_zh, name_en, kind, parent_id, path) values (?, ?, ?, ?, ?, ?)")
                .params(code, name, name, kind, parent, "pending").update(keys, "id");
        long id = ((Number) keys.getKeys().get("id")).longValue();
        jdbc.sql("update org_unit set path = ? where id = ?").params(parentPath + id + "/", id).update();
        return id;
    }

    /** The finished history, one chunk of order indexes per transaction. */
    private final class Bulk {

        private final long base;
        private final long total;
        private final Instant begin;
        private final Instant end;
        private final List<Long> stations;
        private final List<TypeRow> types = new ArrayList<>();
        private final String typesSql;
        private final String poolSql;

        Bulk(long base, long total, Instant begin, Instant end, List<Long> stations) {
            this.base = base;
            this.total = total;
            this.begin = begin;
            this.end = end;
            this.stations = stations;
            int from = 0;
            List<String> rows = new ArrayList<>();
            for (BusinessTypeSummary summary : catalogue.types()) {
                var type = catalogue.current(summary.code());
                var plan = type.lowVoltageVariant() != null ? catalogue.current(type.lowVoltageVariant()) : type;
                int weight = weight(type.code(), plan.family().name());
                List<String> nodes = plan.nodeSequence().stream().map(KeyNode::name).toList();
                List<String> materials = new ArrayList<>();
                for (ChecklistItem item : plan.checklist()) {
                    materials.add(item.material().code() + ":" + (item.deferredUntil() == null ? "" : item.deferredUntil().name()));
                }
                TypeRow row = new TypeRow(type.code(), type.version(), plan.code(), plan.version(), plan.family().name(), nodes,
                        from, from + weight, materials);
                types.add(row);
                rows.add(String.format("(%d, %d, '%s', %d, '%s', %d, '%s', array[%s]::varchar[], array[%s]::varchar[], %s)",
                        from, from + weight, row.code(), row.version(), row.planCode(), row.planVersion(), row.family(),
                        quoted(nodes), quoted(materials), plan.code().startsWith("LV_RES") ? "'PERSON'" : "'ORGANISATION'"));
                from += weight;
            }
            int totalWeight = from;
            typesSql = "(values " + String.join(", ", rows) + ") as t(w_from, w_to, code, version, plan_code, plan_version, "
                    + "family, nodes, materials, applicant_kind) on (o.i * 7919) % " + totalWeight + " >= t.w_from and (o.i * 7919) % "
                    + totalWeight + " < t.w_to";
            poolSql = personalDataPool();
        }

        /** Mostly LV residential; a tenth HV; the rest shared by the other types. */
        private int weight(String code, String family) {
            return switch (code) {
                case "LV_RES_NEW" -> 650;
                case "LV_NONRES_NEW" -> 120;
                case "HV_NEW_SINGLE" -> 50;
                default -> "HV".equals(family) ? 15 : 10;
            };
        }

        void chunk(long lo, long hi) throws Exception {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                try (var s = c.createStatement()) {
                    s.execute(ordersSql(lo, hi));
                    s.execute(APPLICATIONS);
                    s.execute(MATERIALS);
                    s.execute(FIELDS);
                    s.execute(DEADLINES);
                    s.execute(DELAYS);
                    s.execute(HISTORY);
                    Map<Long, List<String>> reviewed = appendReviews(c, s);
                    appendAudit(c, s, reviewed);
                    s.execute("update bench_generation set finished_done = " + hi + " where id = 1");
                }
                c.commit();
            }
        }

        private String ordersSql(long lo, long hi) {
            long spanSeconds = Duration.between(begin, end).getSeconds();
            StringBuilder stationArray = new StringBuilder();
            for (Long id : stations) {
                stationArray.append(stationArray.isEmpty() ? "" : ",").append(id);
            }
            return """
                    create temp table gen_o on commit drop as
                    select o.i, %d + o.i as id, t.code, t.version, t.plan_code, t.plan_version, t.family, t.nodes, t.materials,
                        t.applicant_kind, o.created_at, extract(year from o.created_at at time zone 'Asia/Shanghai')::integer as yr, u.id as org_unit_id, u.path as org_path,
                        1 + (o.i * 104729) %% %d as pool_no
                    from (select g as i, timestamptz '%s' + (g::float8 / %d * %d) * interval '1 second' as created_at
                          from generate_series(%d::bigint, %d::bigint) g) o
                    join %s
                    join org_unit u on u.id = (array[%s])[1 + (o.i %% %d)]""".formatted(base, POOL, Timestamp.from(begin).toInstant(),
                    total, spanSeconds, lo, hi - 1, typesSql, stationArray, stations.size())
                    + ";\n" + """
                    create temp table gen_n on commit drop as
                    select o.id, o.i, o.code, o.org_path, o.nodes[k] as node_code, k, array_length(o.nodes, 1) as node_count,
                        o.created_at + (k - 1) * interval '26 hours' + ((o.i * k) % 7) * interval '1 hour' as reached_at,
                        o.created_at + (k - 1) * interval '26 hours' + ((o.i * k) % 7) * interval '1 hour'
                            + case when (o.i * 31 + k) % 23 = 0 then interval '5 days' else interval '20 hours' end as completed_at,
                        o.created_at + (k - 1) * interval '26 hours' + ((o.i * k) % 7) * interval '1 hour' + interval '3 days' as due_at,
                        (o.i * 31 + k) % 23 = 0 as late
                    from gen_o o cross join generate_subscripts(o.nodes, 1) k""";
        }

        private String personalDataPool() {
            List<String> rows = new ArrayList<>();
            for (int p = 1; p <= POOL; p++) {
                String id = Lifecycle.idNumber(7_000_000L + p * 131L);
                String phone = Lifecycle.phone(50_000_000L + p);
                String name = NAMES[p % NAMES.length];
                rows.add(String.format("(%d, '%s', '%s', '%s', '%s', '%s', '%s', '%s')", p, cipher.encrypt(name),
                        Masking.chineseName(name), cipher.encrypt(id), cipher.blindIndex(id), Masking.idNumber(id),
                        cipher.encrypt(phone), Masking.mobile(phone)));
            }
            jdbc.sql("create table if not exists bench_person (pool_no integer primary key, name_sealed text, name_masked text, "
                    + "code_sealed text, code_index text, code_masked text, phone_sealed text, phone_masked text)").update();
            if (jdbc.sql("select count(*) from bench_person").query(Long.class).single() == 0) {
                jdbc.sql("insert into bench_person values " + String.join(", ", rows)).update();
            }
            return "bench_person";
        }

        /**
         * The scheme review of every finished order that had one, as the review desk leaves it: one round
         * (PASSED), one review per department the catalogue names for the capacity, each with a PASS
         * opinion electronically signed with the product's {@link SignatureProvider} over the same text the
         * desk signs. Answers the departments per order, for the audit records.
         */
        private Map<Long, List<String>> appendReviews(Connection c, java.sql.Statement s) throws Exception {
            var guidelines = context.getBean(ReviewGuidelines.class);
            var signatures = context.getBean(SignatureProvider.class);
            Map<Long, List<String>> reviewed = new java.util.HashMap<>();
            List<Object[]> rows = new ArrayList<>();
            try (var rs = s.executeQuery("""
                    select n.id, a.order_no, n.org_path, n.reached_at, n.completed_at, a.plan_type_code, a.plan_type_version,
                        a.capacity_amount
                    from gen_n n join application a on a.id = n.id where n.node_code = 'SCHEME_REVIEW' order by n.id""")) {
                while (rs.next()) {
                    rows.add(new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4), rs.getTimestamp(5),
                            rs.getString(6), rs.getInt(7), rs.getBigDecimal(8)});
                }
            }
            try (var round = c.prepareStatement("""
                    insert into review_round (order_id, order_no, org_path, round_no, guideline_code, guideline_version,
                        submitted_by, submitted_at, state) values (?, ?, ?, 1, ?, ?, 'designer', ?, 'PASSED') returning id""");
                    var signature = c.prepareStatement("""
                            insert into review_signature (algorithm, signer, signed_at, payload, signature, public_key)
                            values (?, ?, ?, ?, ?, ?) returning id""");
                    var review = c.prepareStatement("""
                            insert into review (round_id, order_id, department, co_signer, task_id, reviewer, received_at, opened_at,
                                due_at, verdict, clauses, opinion, decided_by, decided_at, signature_id)
                            values (?, ?, ?, false, ?, ?, ?, ?, ?, 'PASS', '', '', ?, ?, ?)""")) {
                for (Object[] r : rows) {
                    long orderId = (Long) r[0];
                    var type = catalogue.version((String) r[5], (Integer) r[6]);
                    List<Department> departments = type.reviewersFor(((java.math.BigDecimal) r[7]).longValue());
                    if (departments.isEmpty()) {
                        continue;
                    }
                    Timestamp submitted = (Timestamp) r[3];
                    Timestamp decided = (Timestamp) r[4];
                    String code = guidelines.codeFor(type).orElse(ReviewGuideline.HIGH_VOLTAGE);
                    ReviewGuideline guideline = guidelines.current(code);
                    round.setLong(1, orderId);
                    round.setString(2, (String) r[1]);
                    round.setString(3, (String) r[2]);
                    round.setString(4, code);
                    round.setInt(5, guideline.version());
                    round.setTimestamp(6, submitted);
                    long roundId;
                    try (var keys = round.executeQuery()) {
                        keys.next();
                        roundId = keys.getLong(1);
                    }
                    List<String> names = new ArrayList<>();
                    for (Department department : departments) {
                        String reviewer = REVIEWERS.get(department);
                        SignedStatement signed = signatures.sign(reviewer, String.join("\n", "yekuo-review-opinion/1",
                                "order=" + r[1], "round=1", "department=" + department,
                                "guideline=" + guideline.code() + " v" + guideline.version(), "verdict=" + Verdict.PASS,
                                "clauses=", "opinion=", "signer=" + reviewer, "at=" + decided.toInstant()));
                        signature.setString(1, signed.algorithm());
                        signature.setString(2, signed.signer());
                        signature.setTimestamp(3, decided);
                        signature.setString(4, signed.payload());
                        signature.setString(5, signed.signature());
                        signature.setString(6, signed.publicKey());
                        long signatureId;
                        try (var keys = signature.executeQuery()) {
                            keys.next();
                            signatureId = keys.getLong(1);
                        }
                        review.setLong(1, roundId);
                        review.setLong(2, orderId);
                        review.setString(3, department.name());
                        review.setString(4, "gen-" + orderId + "-review-" + department.name());
                        review.setString(5, reviewer);
                        review.setTimestamp(6, submitted);
                        review.setTimestamp(7, new Timestamp(submitted.getTime() + 3_600_000L));
                        review.setTimestamp(8, new Timestamp(submitted.getTime() + 3 * 86_400_000L));
                        review.setString(9, reviewer);
                        review.setTimestamp(10, decided);
                        review.setLong(11, signatureId);
                        review.addBatch();
                        names.add(department.name());
                    }
                    reviewed.put(orderId, names);
                }
                review.executeBatch();
            }
            return reviewed;
        }

        private void appendAudit(Connection c, java.sql.Statement s, Map<Long, List<String>> reviewed) throws Exception {
            // The chain head is locked for the chunk, as AuditTrail does for each record.
            long seq;
            String prev;
            try (var rs = s.executeQuery("select last_seq, last_hash from audit_chain_head where id = 1 for update")) {
                rs.next();
                seq = rs.getLong(1);
                prev = rs.getString(2);
            }
            StringBuilder copy = new StringBuilder();
            try (var rs = s.executeQuery("""
                    select o.code || ' ' || o.version, a.order_no, o.created_at, o.nodes, n.completed, o.materials, o.id
                    from gen_o o join application a on a.id = o.id
                    join (select id, array_agg(completed_at order by k) as completed from gen_n group by id) n on n.id = o.id
                    order by o.i""")) {
                while (rs.next()) {
                    String orderNo = rs.getString(2);
                    Instant created = rs.getTimestamp(3).toInstant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
                    String[] nodes = (String[]) rs.getArray(4).getArray();
                    Timestamp[] completed = (Timestamp[]) rs.getArray(5).getArray();
                    String[] typeVersion = rs.getString(1).split(" ");
                    long deferred = java.util.Arrays.stream((String[]) rs.getArray(6).getArray()).filter(m -> !m.endsWith(":")).count();
                    List<AuditEntry> entries = new ArrayList<>();
                    entries.add(entry(++seq, created, "clerk", "application.accepted", orderNo, "type=" + typeVersion[0] + " version="
                            + typeVersion[1] + " deferred=" + deferred + " onFile=0 channel=COUNTER", prev));
                    prev = entries.get(entries.size() - 1).hash();
                    Instant at = created;
                    List<String> departments = reviewed.get(rs.getLong(7));
                    for (int k = 0; k < nodes.length; k++) {
                        if ("SCHEME_REVIEW".equals(nodes[k]) && departments != null) {
                            // What the review desk records: the round opened, each department opening and
                            // countersigning its review, the round decided.
                            Instant done = completed[k].toInstant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
                            List<String[]> steps = new ArrayList<>();
                            steps.add(new String[] {"system", "review.round-opened", "round=1 guideline=HV departments=" + departments});
                            for (String d : departments) {
                                steps.add(new String[] {REVIEWERS.get(Department.valueOf(d)), "review.opened", "department=" + d});
                            }
                            for (String d : departments) {
                                steps.add(new String[] {REVIEWERS.get(Department.valueOf(d)), "review.countersigned",
                                        "department=" + d + " verdict=PASS clauses=[]"});
                            }
                            steps.add(new String[] {"system", "review.round-decided", "round=1 outcome=PASSED"});
                            for (int x = 0; x < steps.size(); x++) {
                                Instant when = x < 1 + departments.size() ? at.plusSeconds(60 + x) : done;
                                entries.add(entry(++seq, when, steps.get(x)[0], steps.get(x)[1], orderNo, steps.get(x)[2], prev));
                                prev = entries.get(entries.size() - 1).hash();
                            }
                            at = done;
                            continue;
                        }
                        String actor = NODE_ACTORS.getOrDefault(nodes[k], "clerk");
                        entries.add(entry(++seq, at.plusSeconds(60), actor, "node.signed-for", orderNo, "node=" + nodes[k], prev));
                        prev = entries.get(entries.size() - 1).hash();
                        Instant done = completed[k].toInstant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
                        entries.add(entry(++seq, done, actor, "node.completed", orderNo, "node=" + nodes[k] + " fields="
                                + NodeDrivers.fields(nodes[k], done.atZone(org.yekuo.shared.ClockConfiguration.UTILITY_ZONE).toLocalDate()).keySet(), prev));
                        prev = entries.get(entries.size() - 1).hash();
                        at = done;
                    }
                    entries.add(entry(++seq, at, "inspector", "application.completed", orderNo, "", prev));
                    prev = entries.get(entries.size() - 1).hash();
                    for (AuditEntry e : entries) {
                        copy.append(e.seq()).append('\t').append(Timestamp.from(e.occurredAt())).append("+08\t").append(e.actor())
                                .append('\t').append(e.action()).append("\tapplication\t").append(orderNo).append('\t')
                                .append(e.detail()).append("\tSUCCESS\t").append(e.prevHash()).append('\t').append(e.hash()).append('\n');
                    }
                }
            }
            c.unwrap(PGConnection.class).getCopyAPI().copyIn("copy audit_record (seq, occurred_at, actor, action, subject_type, "
                    + "subject_id, detail, outcome, prev_hash, hash) from stdin", new StringReader(copy.toString()));
            s.execute("update audit_chain_head set last_seq = " + seq + ", last_hash = '" + prev + "' where id = 1");
        }

        private static AuditEntry entry(long seq, Instant at, String actor, String action, String orderNo, String detail,
                String prev) {
            AuditEntry unsigned = new AuditEntry(seq, at, actor, action, "application", orderNo, detail, AuditEntry.Outcome.SUCCESS,
                    prev, null);
            return new AuditEntry(seq, at, actor, action, "application", orderNo, detail, AuditEntry.Outcome.SUCCESS, prev,
                    org.yekuo.audit.AuditHashes.hashOf(unsigned));
        }
    }

    private record TypeRow(String code, int version, String planCode, int planVersion, String family, List<String> nodes,
            int weightFrom, int weightTo, List<String> materials) {
    }

    private static String quoted(List<String> values) {
        return String.join(",", values.stream().map(v -> "'" + v.replace("'", "''") + "'").toList());
    }

    private static final String[] NAMES = {"\u5f20\u4f1f", "\u738b\u82b3", "\u674e\u5a1c", "\u5218\u6d0b", "\u9648\u9759",
            "\u6768\u5f3a", "\u8d75\u78ca", "\u9ec4\u654f", "\u5468\u6770", "\u5434\u79c0\u82f1"};

    static final Map<String, String> NODE_ACTORS = Map.ofEntries(Map.entry("ACCEPTANCE", "clerk"),
            Map.entry("SITE_SURVEY", "surveyor"), Map.entry("SCHEME_DESIGN", "designer"), Map.entry("SCHEME_REVIEW", "ops"),
            Map.entry("SCHEME_REPLY", "clerk"), Map.entry("DESIGN_REVIEW", "ops"), Map.entry("INTERMEDIATE_INSPECTION", "inspector"),
            Map.entry("SUPPLY_WORKS", "materials"), Map.entry("COMPLETION_ACCEPTANCE", "inspector"), Map.entry("CONTRACT", "clerk"),
            Map.entry("METER_INSTALLATION", "inspector"), Map.entry("POWER_ON", "inspector"));

    private static final String APPLICATIONS = """
            insert into application (id, order_no, type_code, type_version, plan_type_code, plan_type_version, family, status,
                applicant_kind, applicant_name_sealed, applicant_name_masked, subject_code_sealed, subject_code_index,
                subject_code_masked, phone_sealed, phone_masked, supply_address, capacity_amount, capacity_unit, channel,
                org_unit_id, org_path, stopped_at_node, progress_token, created_by, created_at, completed_at)
            select o.id, 'YK-' || o.yr || '-'
                    || lpad((row_number() over (partition by o.yr order by o.i) + coalesce(c.last_no, 0))::text, 6, '0'),
                o.code, o.version, o.plan_code, o.plan_version, o.family, 'COMPLETED', o.applicant_kind,
                p.name_sealed, p.name_masked, p.code_sealed, p.code_index, p.code_masked, p.phone_sealed, p.phone_masked,
                'Generated Road ' || (o.i % 997) || ', District ' || (o.i % 13), case when o.family = 'HV' then 630 else 8 end, 'KW',
                case when o.i % 5 = 0 then 'ONLINE' else 'COUNTER' end, o.org_unit_id, o.org_path, null,
                md5('token' || o.id), 'clerk', o.created_at,
                o.created_at + (array_length(o.nodes, 1)) * interval '26 hours' + interval '20 hours'
            from gen_o o join bench_person p on p.pool_no = o.pool_no left join order_number_counter c on c.year_no = o.yr;
            insert into order_number_counter (year_no, last_no)
            select o.yr, max(cast(substr(a.order_no, 9) as integer)) from gen_o o join application a on a.id = o.id group by o.yr
            on conflict (year_no) do update set last_no = greatest(order_number_counter.last_no, excluded.last_no)""";

    private static final String MATERIALS = """
            insert into application_material (application_id, material_code, state, deferred_until, supplied_at)
            select o.id, split_part(m, ':', 1), 'SUPPLIED', nullif(split_part(m, ':', 2), ''), o.created_at
            from gen_o o cross join unnest(o.materials) m""";

    private static final String FIELDS = """
            insert into application_node_field (application_id, node_code, field_name, field_text)
            select n.id, n.node_code, f.name, f.text from gen_n n join (values
                ('SITE_SURVEY', 'meterPosition', 'box on the east wall'), ('SITE_SURVEY', 'supplyPoint', 'transformer 3'),
                ('SITE_SURVEY', 'distanceMetres', '35.5'), ('SITE_SURVEY', 'surveyOpinion', 'can be connected'),
                ('SCHEME_DESIGN', 'supplyVoltage', '220V'), ('SCHEME_DESIGN', 'schemeSummary', 'single-phase meter'),
                ('SCHEME_REPLY', 'replyDate', '2025-01-01'),
                ('DESIGN_REVIEW', 'designReviewResult', 'passed'), ('INTERMEDIATE_INSPECTION', 'inspectionResult', 'passed'),
                ('SUPPLY_WORKS', 'worksSummary', 'materials on site'), ('COMPLETION_ACCEPTANCE', 'acceptanceResult', 'passed'),
                ('CONTRACT', 'contractNo', 'HT-0001'), ('CONTRACT', 'customerNo', '3300000001'),
                ('METER_INSTALLATION', 'meterNo', 'DB-0001'), ('METER_INSTALLATION', 'meterReading', '0'),
                ('POWER_ON', 'poweredOnDate', '2025-01-01')) as f(node_code, name, text) on f.node_code = n.node_code""";

    private static final String DEADLINES = """
            insert into node_deadline (order_id, order_no, type_code, node_code, task_id, roles, org_path, handler,
                reached_at, signed_at, due_at, yellow_at, remind_at, completed_at, reminded_at, turned_yellow_at, turned_red_at)
            select n.id, a.order_no, n.code, n.node_code, 'gen-' || n.id || '-' || n.k, r.roles, n.org_path, r.handler,
                n.reached_at, n.reached_at + (n.completed_at - n.reached_at) / 4, n.due_at, n.due_at - interval '3 days', n.due_at - interval '1 day', n.completed_at,
                case when n.completed_at > n.due_at - interval '1 day' then n.due_at - interval '1 day' end,
                case when n.completed_at > n.due_at - interval '3 days' then n.due_at - interval '3 days' end,
                case when n.late then n.due_at end
            from gen_n n join application a on a.id = n.id join (values
                ('ACCEPTANCE', 'CLERK', 'clerk'), ('SITE_SURVEY', 'SURVEYOR', 'surveyor'), ('SCHEME_DESIGN', 'DESIGNER', 'designer'),
                ('SCHEME_REVIEW', 'REVIEWER_OPERATIONS,REVIEWER_MARKETING', 'ops'), ('SCHEME_REPLY', 'CLERK', 'clerk'),
                ('DESIGN_REVIEW', 'REVIEWER_OPERATIONS', 'ops'), ('INTERMEDIATE_INSPECTION', 'INSPECTOR', 'inspector'),
                ('SUPPLY_WORKS', 'MATERIALS_CLERK', 'materials'), ('COMPLETION_ACCEPTANCE', 'INSPECTOR', 'inspector'),
                ('CONTRACT', 'CLERK', 'clerk'), ('METER_INSTALLATION', 'INSPECTOR', 'inspector'), ('POWER_ON', 'INSPECTOR', 'inspector'))
                as r(node_code, roles, handler) on r.node_code = n.node_code""";

    private static final String DELAYS = """
            insert into delay_explanation (deadline_id, order_id, node_code, category, explanation, filed_by, filed_at, status,
                decided_by, decided_at, decision_note)
            select d.id, d.order_id, d.node_code,
                (array['MATERIALS_OUT_OF_STOCK','CUSTOMER_NOT_COOPERATING','INTERNAL_HANDOFF','EXTERNAL_PERMITS','SITE_OR_WEATHER','OTHER'])
                    [1 + d.id % 6], 'Generated explanation of a late node', d.handler, d.due_at + interval '2 hours',
                case when d.id % 5 = 0 then 'REJECTED' else 'APPROVED' end, 'leader', d.due_at + interval '1 day', 'noted'
            from node_deadline d join gen_o o on o.id = d.order_id where d.turned_red_at is not null""";

    private static final String HISTORY = """
            insert into act_hi_procinst (id_, rev_, proc_inst_id_, business_key_, proc_def_id_, start_time_, end_time_, duration_,
                start_act_id_, end_act_id_, tenant_id_)
            select 'gen-' || o.id, 1, 'gen-' || o.id, o.id::text, d.id_, o.created_at, a.completed_at,
                (extract(epoch from a.completed_at - o.created_at) * 1000)::bigint, 'applicationAccepted', 'poweredOn', ''
            from gen_o o join application a on a.id = o.id
            join (select distinct on (key_) key_, id_ from act_re_procdef order by key_, version_ desc) d
                on d.key_ = case o.family when 'LV' then 'lvConnection' when 'HV' then 'hvConnection'
                    when 'CHANGE' then 'contractChange' else 'pvConnection' end;
            insert into act_hi_taskinst (id_, rev_, proc_def_id_, task_def_key_, proc_inst_id_, execution_id_, name_, assignee_,
                start_time_, claim_time_, end_time_, duration_, due_date_, priority_, last_updated_time_, tenant_id_)
            select 'gen-' || n.id || '-' || n.k, 1, p.proc_def_id_,
                lower(substr(n.node_code, 1, 1)) || substr(replace(initcap(n.node_code), '_', ''), 2),
                'gen-' || n.id, 'gen-' || n.id, n.node_code, d.handler, n.reached_at, n.reached_at + interval '1 minute',
                n.completed_at, (extract(epoch from n.completed_at - n.reached_at) * 1000)::bigint, n.due_at, 50, n.completed_at, ''
            from gen_n n join act_hi_procinst p on p.id_ = 'gen-' || n.id join node_deadline d on d.task_id = 'gen-' || n.id || '-' || n.k;
            insert into act_hi_varinst (id_, rev_, proc_inst_id_, execution_id_, name_, var_type_, text_, long_, create_time_,
                last_updated_time_)
            select 'gen-' || o.id || '-' || v.name, 0, 'gen-' || o.id, 'gen-' || o.id, v.name, v.type,
                case v.name when 'plannedNodes' then array_to_string(o.nodes, ',') when 'orgPath' then o.org_path end,
                case v.name when 'orderId' then o.id end, o.created_at, o.created_at
            from gen_o o cross join (values ('orderId', 'long'), ('plannedNodes', 'string'), ('orgPath', 'string')) as v(name, type)""";

    /** Open orders through the services, on a few threads; answers how many were made in this call. */
    private long openOrders(long done, long target, List<Long> stations) throws Exception {
        if (done >= target) {
            return 0;
        }
        Lifecycle lifecycle = new Lifecycle(context, NodeDrivers.forProduct(context));
        WorkList workList = context.getBean(WorkList.class);
        NodeWork work = context.getBean(NodeWork.class);
        AtomicInteger next = new AtomicInteger((int) done);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < target; i = next.getAndIncrement()) {
                        long id = lifecycle.accept(Lifecycle.kindOf(i));
                        // Spread over the node sequence: 0 .. 4 nodes done, the rest open.
                        for (int k = 0; k < i % 5; k++) {
                            List<WorkItem> open = workList.openItems(new OrderId(id));
                            if (open.isEmpty()) {
                                break;
                            }
                            for (WorkItem item : open) {
                                lifecycle.work(item);
                            }
                        }
                        if (i % 1000 == 999) {
                            jdbc.sql("update bench_generation set open_done = greatest(open_done, ?) where id = 1").param(i + 1).update();
                        }
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
        jdbc.sql("update bench_generation set open_done = ? where id = 1").param(target).update();
        return target - done;
    }
}

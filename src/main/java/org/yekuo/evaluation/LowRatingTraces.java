package org.yekuo.evaluation;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yekuo.audit.AuditTrail;
import org.yekuo.reporting.ReportMonth;
import org.yekuo.identity.CurrentUser;
import org.yekuo.identity.DataScope;
import org.yekuo.identity.OrgUnit;
import org.yekuo.identity.OrgUnits;
import org.yekuo.identity.StaffMember;
import org.yekuo.identity.StaffMembers;
import org.yekuo.shared.DomainException;
import org.yekuo.shared.DomainException.FieldProblem;

/**
 * The monthly trace of low ratings (R-EVA-5): every counted rating below {@value #THRESHOLD} stars is
 * traced by its station, within the month it was given, to staff attitude (a follow-up visit and the
 * person's deduction, from the rules in force) or to a process defect (an improvement task, assigned,
 * closed with what was done). A trace is recorded once and audited.
 */
@Service
@Transactional(readOnly = true)
public class LowRatingTraces {

    /** Ratings below this average are traced. */
    public static final BigDecimal THRESHOLD = BigDecimal.valueOf(4);
    static final int MAX_NOTE = 500;
    static final int MAX_TITLE = 200;

    private final JdbcClient jdbc;
    private final EvaluationRules rules;
    private final OrgUnits orgUnits;
    private final StaffMembers staff;
    private final AuditTrail audit;
    private final Clock clock;

    LowRatingTraces(JdbcClient jdbc, EvaluationRules rules, OrgUnits orgUnits, StaffMembers staff, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.rules = rules;
        this.orgUnits = orgUnits;
        this.staff = staff;
        this.audit = audit;
        this.clock = clock;
    }

    /** The month's low ratings in scope, untraced first. */
    public List<LowRating> of(ReportMonth month, DataScope scope, Locale locale) {
        Map<String, String> stations = new HashMap<>();
        for (OrgUnit unit : orgUnits.within(scope)) {
            stations.put(unit.path(), unit.name(locale));
        }
        record Row(long id, String orderNo, String orgPath, java.time.Instant at, BigDecimal average, String comment) {
        }
        List<Row> rows = jdbc.sql("""
                select e.id, e.order_no, e.org_path, e.submitted_at, e.average, e.comment_text from evaluation e
                where e.flags = '' and e.average < ? and e.submitted_at >= ? and e.submitted_at < ? and e.org_path like ?
                order by e.submitted_at""")
                .params(THRESHOLD, Invitations.ts(month.from()), Invitations.ts(month.to()), scope.likePattern())
                .query((rs, n) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant(),
                        rs.getBigDecimal(5), rs.getString(6)))
                .list();
        List<LowRating> low = new ArrayList<>();
        for (Row row : rows) {
            List<LowRating.HandlerRef> handlers = handlers(row.id());
            low.add(new LowRating(row.id(), row.orderNo(), stations.getOrDefault(row.orgPath(), ""), row.at(), row.average(),
                    row.comment(), handlers, dueOf(row.at()), trace(row.id())));
        }
        low.sort(java.util.Comparator.comparing(LowRating::traced));
        return low;
    }

    /** The open improvement tasks assigned to the user. */
    public List<LowRating> openTasksOf(CurrentUser user, Locale locale) {
        List<Long> ids = jdbc.sql("select evaluation_id from evaluation_trace where task_assignee = ? and task_closed_at is null order by task_due")
                .param(user.username()).query(Long.class).list();
        List<LowRating> tasks = new ArrayList<>();
        for (long id : ids) {
            jdbc.sql("select order_no, submitted_at, average, comment_text from evaluation where id = ?").param(id)
                    .query((rs, n) -> new LowRating(id, rs.getString(1), "", rs.getTimestamp(2).toInstant(), rs.getBigDecimal(3),
                            rs.getString(4), List.of(), dueOf(rs.getTimestamp(2).toInstant()), trace(id)))
                    .optional().ifPresent(tasks::add);
        }
        return tasks;
    }

    /** What a station records; the fields of the other cause are ignored. */
    public record TraceInput(TraceCause cause, String staffUsername, LocalDate visitDate, String visitNote, String taskTitle,
            String taskAssignee, LocalDate taskDue) {
    }

    /**
     * Records the cause of a low rating, once, by a department head or leader whose scope holds the order.
     *
     * @throws DomainException 404 no such low rating in scope; 409 already traced; 422 naming every field at fault
     */
    @Transactional
    public void trace(long evaluationId, TraceInput input, CurrentUser user) {
        Map<String, Object> rating = jdbc.sql("select org_path, order_no, submitted_at from evaluation where id = ? and flags = '' and average < ?")
                .params(evaluationId, THRESHOLD).query().listOfRows().stream().findFirst()
                .filter(r -> user.scope().includes((String) r.get("org_path")))
                .orElseThrow(() -> DomainException.notFound("evaluation.trace.unknown"));
        String orgPath = (String) rating.get("org_path");
        List<FieldProblem> problems = new ArrayList<>();
        LocalDate today = LocalDate.now(clock);
        if (input.cause() == null) {
            problems.add(new FieldProblem("cause", "evaluation.trace.cause-missing"));
        } else if (input.cause() == TraceCause.STAFF_ATTITUDE) {
            Set<String> handlers = new HashSet<>();
            handlers(evaluationId).forEach(h -> handlers.add(h.username()));
            if (input.staffUsername() == null || !handlers.contains(input.staffUsername())) {
                problems.add(new FieldProblem("staffUsername", "evaluation.trace.staff-invalid"));
            }
            if (input.visitDate() == null || input.visitDate().isAfter(today)) {
                problems.add(new FieldProblem("visitDate", "evaluation.trace.visit-date-invalid", today.toString()));
            }
            text("visitNote", input.visitNote(), MAX_NOTE, problems);
        } else {
            text("taskTitle", input.taskTitle(), MAX_TITLE, problems);
            boolean assignable = input.taskAssignee() != null && staff.byUsername(input.taskAssignee())
                    .filter(StaffMember::enabled).map(StaffMember::orgPath).filter(user.scope()::includes).isPresent();
            if (!assignable) {
                problems.add(new FieldProblem("taskAssignee", "evaluation.trace.assignee-invalid"));
            }
            if (input.taskDue() == null || input.taskDue().isBefore(today)) {
                problems.add(new FieldProblem("taskDue", "evaluation.trace.task-due-invalid", today.toString()));
            }
        }
        if (!problems.isEmpty()) {
            throw new DomainException(HttpStatus.UNPROCESSABLE_CONTENT, problems, "evaluation.trace.invalid");
        }
        boolean attitude = input.cause() == TraceCause.STAFF_ATTITUDE;
        BigDecimal deduction = attitude ? rules.forMonth(YearMonth.from(((java.sql.Timestamp) rating.get("submitted_at")).toInstant()
                .atZone(clock.getZone()))).attitudeDeduction() : null;
        int added = jdbc.sql("""
                insert into evaluation_trace (evaluation_id, cause, staff_username, visit_date, visit_note, deduction_points, task_title,
                    task_assignee, task_due, traced_by, traced_at)
                select ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? where not exists (select 1 from evaluation_trace where evaluation_id = ?)""")
                .params(evaluationId, input.cause().name(), attitude ? input.staffUsername() : null,
                        attitude ? Date.valueOf(input.visitDate()) : null, attitude ? input.visitNote().strip() : null, deduction,
                        attitude ? null : input.taskTitle().strip(), attitude ? null : input.taskAssignee(),
                        attitude ? null : Date.valueOf(input.taskDue()), user.username(), Invitations.ts(clock.instant()), evaluationId)
                .update();
        if (added == 0) {
            throw DomainException.conflict("evaluation.trace.done");
        }
        audit.record(EvaluationAudit.TRACED, "application", (String) rating.get("order_no"), "cause=" + input.cause()
                + (attitude ? " handler=" + input.staffUsername() + " deduction=" + deduction : " to=" + input.taskAssignee()));
    }

    /**
     * Closes an improvement task with what was done, by its assignee or a head or leader whose scope holds it.
     *
     * @throws DomainException 404 no open task; 403 someone else's; 422 a missing or too long note
     */
    @Transactional
    public void closeTask(long evaluationId, String note, CurrentUser user) {
        Map<String, Object> task = jdbc.sql("""
                select t.task_assignee, e.org_path, e.order_no from evaluation_trace t join evaluation e on e.id = t.evaluation_id
                where t.evaluation_id = ? and t.cause = 'PROCESS_DEFECT' and t.task_closed_at is null""")
                .param(evaluationId).query().listOfRows().stream().findFirst()
                .orElseThrow(() -> DomainException.notFound("evaluation.task.unknown"));
        boolean mayClose = user.username().equals(task.get("task_assignee"))
                || (user.hasAny(org.yekuo.identity.Role.DEPARTMENT_HEAD, org.yekuo.identity.Role.LEADER)
                        && user.scope().includes((String) task.get("org_path")));
        if (!mayClose) {
            throw DomainException.forbidden("evaluation.task.not-yours");
        }
        List<FieldProblem> problems = new ArrayList<>();
        text("note", note, MAX_NOTE, problems);
        if (!problems.isEmpty()) {
            throw new DomainException(HttpStatus.UNPROCESSABLE_CONTENT, problems, "evaluation.trace.invalid");
        }
        int closed = jdbc.sql("update evaluation_trace set task_closed_at = ?, task_closing_note = ? where evaluation_id = ? and task_closed_at is null")
                .params(Invitations.ts(clock.instant()), note.strip(), evaluationId).update();
        if (closed == 0) {
            throw DomainException.notFound("evaluation.task.unknown");
        }
        audit.record(EvaluationAudit.TASK_CLOSED, "application", (String) task.get("order_no"), "");
    }

    private LocalDate dueOf(java.time.Instant submittedAt) {
        return YearMonth.from(submittedAt.atZone(clock.getZone())).atEndOfMonth();
    }

    private List<LowRating.HandlerRef> handlers(long evaluationId) {
        List<String[]> rows = jdbc.sql("select username, node_code from evaluation_handler where evaluation_id = ? order by node_code")
                .param(evaluationId).query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)}).list();
        Map<String, String> names = staff.displayNames(rows.stream().map(r -> r[0]).toList());
        return rows.stream().filter(r -> names.containsKey(r[0])).map(r -> new LowRating.HandlerRef(r[0], names.get(r[0]), r[1])).toList();
    }

    private LowRating.Trace trace(long evaluationId) {
        return jdbc.sql("""
                select id, cause, staff_username, visit_date, visit_note, deduction_points, task_title, task_assignee, task_due,
                       task_closed_at, task_closing_note, traced_by, traced_at
                from evaluation_trace where evaluation_id = ?""").param(evaluationId)
                .query((rs, n) -> {
                    Map<String, String> names = staff.displayNames(java.util.stream.Stream.of(rs.getString(3), rs.getString(8), rs.getString(12))
                            .filter(java.util.Objects::nonNull).toList());
                    return new LowRating.Trace(rs.getLong(1), TraceCause.valueOf(rs.getString(2)), names.get(rs.getString(3)),
                            rs.getDate(4) == null ? null : rs.getDate(4).toLocalDate(), rs.getString(5), rs.getBigDecimal(6),
                            rs.getString(7), rs.getString(8), names.get(rs.getString(8)),
                            rs.getDate(9) == null ? null : rs.getDate(9).toLocalDate(),
                            rs.getTimestamp(10) == null ? null : rs.getTimestamp(10).toInstant(), rs.getString(11),
                            names.getOrDefault(rs.getString(12), ""), rs.getTimestamp(13).toInstant());
                })
                .optional().orElse(null);
    }

    private static void text(String field, String value, int max, List<FieldProblem> problems) {
        String text = value == null ? "" : value.strip();
        if (text.isEmpty() || text.length() > max) {
            problems.add(new FieldProblem(field, "evaluation.trace.text-invalid", max));
        }
    }
}

package org.yekuo.collaboration;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yekuo.audit.AuditTrail;
import org.yekuo.document.AccessKind;
import org.yekuo.document.ContextDecision;
import org.yekuo.document.Document;
import org.yekuo.document.DocumentKind;
import org.yekuo.document.DocumentOwner;
import org.yekuo.document.Documents;
import org.yekuo.document.FilePolicy;
import org.yekuo.document.FileType;
import org.yekuo.document.ServedFile;
import org.yekuo.document.UploadedFile;
import org.yekuo.identity.CurrentUser;
import org.yekuo.identity.DataScope;
import org.yekuo.identity.OrgUnit;
import org.yekuo.identity.OrgUnits;
import org.yekuo.identity.StaffMembers;
import org.yekuo.intake.Application;
import org.yekuo.intake.Orders;
import org.yekuo.shared.DomainException;
import org.yekuo.workflow.StepClock;
import org.yekuo.workflow.StepClocks;

/**
 * Coordination questions on orders (R-COL-3). Whoever may see an order asks another department of the
 * company; that department's staff answer within 8 working hours (a step clock reminds, tells the head
 * when overdue and escalates to the leader in charge, see ADR 11); the asker accepts the answer or reopens
 * the question with why, which starts a new round. A question is seen by those who see its order and by
 * the department asked; nobody else learns it exists. The question, an answer and a reopening may carry a file,
 * kept in the order's archive and opened by exactly those who see the question (ADR 18).
 */
@Service
@Transactional(readOnly = true)
public class Coordination {

    static final String CLOCK = "COORDINATION";
    static final int SUBJECT_MAX = 100;
    static final int TEXT_MIN = 5;
    static final int TEXT_MAX = 2000;
    /** Scans, photos and drawings, judged by their content like every upload of the archive. */
    static final FilePolicy FILES = new FilePolicy(EnumSet.of(FileType.PDF, FileType.JPEG, FileType.PNG), 20L * 1024 * 1024,
            "collaboration.attachment.file-kind");

    private static final String COLUMNS = "id, order_id, order_no, org_path, department_id, department_path, subject, status,"
            + " asked_by, asked_at, round_started_at, yellow_at, due_at, escalate_at, overdue_at, escalated_at, answered_by,"
            + " answered_at, closed_at, rounds";

    private static final String ENTRY_COLUMNS = "select e.id, e.kind, e.body, e.author, e.written_at, e.document_id,"
            + " e.attachment_name, e.attachment_type, e.attachment_bytes, e.question_id from coordination_entry e";

    private final JdbcClient jdbc;
    private final Orders orders;
    private final OrgUnits orgUnits;
    private final StaffMembers staff;
    private final StepClocks clocks;
    private final CoordinationDeadlines deadlines;
    private final Documents documents;
    private final AuditTrail audit;
    private final Clock clock;

    Coordination(JdbcClient jdbc, Orders orders, OrgUnits orgUnits, StaffMembers staff, StepClocks clocks,
            CoordinationDeadlines deadlines, Documents documents, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.orders = orders;
        this.orgUnits = orgUnits;
        this.staff = staff;
        this.clocks = clocks;
        this.deadlines = deadlines;
        this.documents = documents;
        this.audit = audit;
        this.clock = clock;
    }

    /** The departments and stations of the asker's company they may ask, their own unit (and its station) left out. */
    public List<OrgUnit> departments(CurrentUser user) {
        String company = "/" + user.orgPath().split("/")[1] + "/";
        return orgUnits.within(new DataScope(company)).stream()
                .filter(u -> u.kind() == OrgUnit.Kind.DEPARTMENT || u.kind() == OrgUnit.Kind.STATION)
                .filter(u -> !user.orgPath().startsWith(u.path())).toList();
    }

    @Transactional
    public CoordinationQuestion ask(long orderId, Ask ask, CurrentUser user) {
        return ask(orderId, ask, null, user);
    }

    /** Asks with a file, if {@code file} is one; a refused file refuses the question, nothing of it is kept. */
    @Transactional
    public CoordinationQuestion ask(long orderId, Ask ask, UploadedFile file, CurrentUser user) {
        Application order = orderInScope(orderId, user);
        if (ask == null || ask.departmentId() == null) {
            throw DomainException.invalid("departmentId", "collaboration.department-required");
        }
        OrgUnit department = departments(user).stream().filter(u -> u.id() == ask.departmentId()).findFirst()
                .orElseThrow(() -> DomainException.invalid("departmentId", "collaboration.department-unknown", ask.departmentId()));
        String subject = ask.subject() == null ? "" : ask.subject().strip();
        if (subject.length() < 2 || subject.length() > SUBJECT_MAX) {
            throw DomainException.invalid("subject", "collaboration.subject-length", SUBJECT_MAX);
        }
        String text = text("text", ask.text());
        Instant now = clock.instant();
        CoordinationDeadlines.Round round = deadlines.from(now);
        jdbc.sql("""
                insert into coordination_question (order_id, order_no, org_path, department_id, department_path, subject, status,
                    asked_by, asked_at, round_started_at, yellow_at, due_at, escalate_at)
                values (?, ?, ?, ?, ?, ?, 'OPEN', ?, ?, ?, ?, ?, ?)""")
                .params(orderId, order.orderNo(), order.orgPath(), department.id(), department.path(), subject, user.username(),
                        ts(now), ts(now), ts(round.yellowAt()), ts(round.dueAt()), ts(round.escalateAt()))
                .update();
        long id = jdbc.sql("select max(id) from coordination_question where order_id = ? and asked_by = ?")
                .params(orderId, user.username()).query(Long.class).single();
        long entry = entry(id, QuestionEntry.Kind.ASKED, text, user, now);
        attachIfAny(find(id), entry, file, user);
        clocks.start(new StepClock(CLOCK, id, round.yellowAt(), round.dueAt(), round.escalateAt()));
        audit.record(CollaborationAudit.QUESTION_ASKED, "application", order.orderNo(), "department=" + department.code()
                + " due=" + round.dueAt());
        return find(id);
    }

    /** The order's questions, newest first, for whoever sees the order. */
    public List<CoordinationQuestion> ofOrder(long orderId, CurrentUser user) {
        orderInScope(orderId, user);
        return jdbc.sql("select " + COLUMNS + " from coordination_question where order_id = ? order by id desc").param(orderId)
                .query(this::row).list();
    }

    /**
     * The board: questions not yet accepted that the reader sees (in their scope, or asked of their unit),
     * the most urgent first; with {@code toMe} only those their unit must answer.
     */
    public List<CoordinationQuestion> board(CurrentUser user, boolean toMe) {
        String visible = toMe ? "? like concat(department_path, '%')" : "(org_path like ? or ? like concat(department_path, '%'))";
        var query = jdbc.sql("select " + COLUMNS + " from coordination_question where status <> 'ACCEPTED' and " + visible
                + " order by case status when 'OPEN' then 0 else 1 end, due_at, id");
        query = toMe ? query.param(user.orgPath()) : query.params(user.scope().likePattern(), user.orgPath());
        return query.query(this::row).list();
    }

    /** A question with its thread, and what the reader may do with it; a question the reader cannot see is not found. */
    public Thread thread(long id, CurrentUser user) {
        CoordinationQuestion question = visible(find(id), user);
        List<QuestionEntry> entries = jdbc.sql(ENTRY_COLUMNS + " where e.question_id = ? order by e.id")
                .param(id).query((rs, n) -> new QuestionEntry(rs.getLong(1), QuestionEntry.Kind.valueOf(rs.getString(2)),
                        rs.getString(3), rs.getString(4), null, rs.getTimestamp(5).toInstant(), attachment(rs)))
                .list();
        Map<String, String> names = staff.displayNames(entries.stream().map(QuestionEntry::author).distinct().toList());
        entries = entries.stream().map(e -> new QuestionEntry(e.id(), e.kind(), e.body(), e.author(),
                names.getOrDefault(e.author(), e.author()), e.writtenAt(), e.attachment())).toList();
        OrgUnit department = orgUnits.byId(question.departmentId()).orElseThrow();
        return new Thread(question, department, entries, question.status() == CoordinationQuestion.Status.OPEN && member(question, user),
                question.status() == CoordinationQuestion.Status.ANSWERED && question.askedBy().equals(user.username()));
    }

    /** The department asked answers; the clock stops. */
    @Transactional
    public void answer(long id, String answer, CurrentUser user) {
        answer(id, answer, null, user);
    }

    /** Answers with a file, if {@code file} is one; a refused file refuses the answer. */
    @Transactional
    public void answer(long id, String answer, UploadedFile file, CurrentUser user) {
        CoordinationQuestion question = locked(id, user);
        if (!member(question, user)) {
            throw DomainException.forbidden("collaboration.answer.not-department");
        }
        requireStatus(question, CoordinationQuestion.Status.OPEN);
        String text = text("text", answer);
        Instant now = clock.instant();
        jdbc.sql("update coordination_question set status = 'ANSWERED', answered_by = ?, answered_at = ? where id = ?")
                .params(user.username(), ts(now), id).update();
        attachIfAny(question, entry(id, QuestionEntry.Kind.ANSWERED, text, user, now), file, user);
        clocks.stop(CLOCK, id);
        audit.record(CollaborationAudit.QUESTION_ANSWERED, "application", question.orderNo(), "thread=" + id
                + " late=" + now.isAfter(question.dueAt()));
    }

    /** The asker accepts the answer: the question is closed. */
    @Transactional
    public void accept(long id, CurrentUser user) {
        CoordinationQuestion question = askedBy(id, user);
        requireStatus(question, CoordinationQuestion.Status.ANSWERED);
        Instant now = clock.instant();
        jdbc.sql("update coordination_question set status = 'ACCEPTED', closed_at = ? where id = ?").params(ts(now), id).update();
        entry(id, QuestionEntry.Kind.ACCEPTED, "-", user, now);
        audit.record(CollaborationAudit.QUESTION_ACCEPTED, "application", question.orderNo(), "thread=" + id);
    }

    /** The asker reopens the answer with why: a new round of 8 working hours starts, with its own reminders and escalation. */
    @Transactional
    public void reopen(long id, String reason, CurrentUser user) {
        reopen(id, reason, null, user);
    }

    /** Reopens with a file, if {@code file} is one; a refused file refuses the reopening. */
    @Transactional
    public void reopen(long id, String reason, UploadedFile file, CurrentUser user) {
        CoordinationQuestion question = askedBy(id, user);
        requireStatus(question, CoordinationQuestion.Status.ANSWERED);
        String text = text("reason", reason);
        Instant now = clock.instant();
        CoordinationDeadlines.Round round = deadlines.from(now);
        jdbc.sql("""
                update coordination_question set status = 'OPEN', round_started_at = ?, yellow_at = ?, due_at = ?, escalate_at = ?,
                    reminded_at = null, overdue_at = null, escalated_at = null, answered_by = null, answered_at = null,
                    rounds = rounds + 1 where id = ?""")
                .params(ts(now), ts(round.yellowAt()), ts(round.dueAt()), ts(round.escalateAt()), id).update();
        attachIfAny(question, entry(id, QuestionEntry.Kind.REOPENED, text, user, now), file, user);
        clocks.start(new StepClock(CLOCK, id, round.yellowAt(), round.dueAt(), round.escalateAt()));
        audit.record(CollaborationAudit.QUESTION_REOPENED, "application", question.orderNo(), "thread=" + id + " due=" + round.dueAt());
    }

    /**
     * Attaches a file to the caller's own entry of a thread after it was written (for clients that send the text and
     * the file apart): only to the latest entry, while the question is not closed, and one file an entry.
     */
    @Transactional
    public QuestionAttachment attach(long questionId, long entryId, UploadedFile file, CurrentUser user) {
        CoordinationQuestion question = locked(questionId, user);
        QuestionEntry entry = jdbc.sql(ENTRY_COLUMNS + " where e.id = ? and e.question_id = ?").params(entryId, questionId)
                .query((rs, n) -> new QuestionEntry(rs.getLong(1), QuestionEntry.Kind.valueOf(rs.getString(2)), rs.getString(3),
                        rs.getString(4), null, rs.getTimestamp(5).toInstant(), attachment(rs)))
                .optional().orElseThrow(() -> DomainException.notFound("collaboration.entry.not-found", entryId));
        if (!user.username().equals(entry.author())) {
            throw DomainException.forbidden("collaboration.attachment.not-author");
        }
        long latest = jdbc.sql("select max(id) from coordination_entry where question_id = ?").param(questionId).query(Long.class).single();
        if (entry.attachment() != null || latest != entryId || entry.kind() == QuestionEntry.Kind.ACCEPTED) {
            throw DomainException.conflict("collaboration.attachment.closed");
        }
        if (!isFile(file)) {
            throw DomainException.invalid("file", "collaboration.attachment.required");
        }
        return attachIfAny(question, entryId, file, user);
    }

    /**
     * A file attached to a question, for exactly those who see the question (ADR 18): the department asked opens it
     * although the order lies outside its scope; for anybody else it does not exist. Every opening and refusal is in
     * the archive's access log.
     */
    public ServedFile openAttachment(long questionId, long documentId, AccessKind kind, CurrentUser user, String remoteAddress) {
        CoordinationQuestion question = find(questionId);
        boolean attached = jdbc.sql("select count(*) from coordination_entry where question_id = ? and document_id = ?")
                .params(questionId, documentId).query(Long.class).single() > 0;
        if (!attached) {
            throw DomainException.notFound("collaboration.attachment.not-found", documentId);
        }
        boolean sees = user.scope().includes(question.orgPath()) || member(question, user);
        return documents.openInContext(documentId, new ContextDecision(DocumentKind.COORDINATION, String.valueOf(questionId), sees),
                kind, user, remoteAddress);
    }

    /** The files attached to an order's questions by question, for whoever sees the order. */
    public Map<Long, List<QuestionAttachment>> attachmentsOfOrder(long orderId, CurrentUser user) {
        orderInScope(orderId, user);
        Map<Long, List<QuestionAttachment>> byQuestion = new LinkedHashMap<>();
        jdbc.sql(ENTRY_COLUMNS + " join coordination_question q on q.id = e.question_id where q.order_id = ? and e.document_id is not null"
                + " order by e.id").param(orderId).query((rs, n) -> attachment(rs)).list()
                .forEach(a -> byQuestion.computeIfAbsent(a.questionId(), q -> new ArrayList<>()).add(a));
        return byQuestion;
    }

    /** A form's file field left empty arrives as a part without name or bytes: no file. */
    private static boolean isFile(UploadedFile file) {
        return file != null && (file.size() > 0 || file.fileName() != null && !file.fileName().isBlank());
    }

    private QuestionAttachment attachIfAny(CoordinationQuestion question, long entryId, UploadedFile file, CurrentUser user) {
        if (!isFile(file)) {
            return null;
        }
        Document document = documents.add(new DocumentOwner(question.orderId(), question.orderNo(), question.orgPath()),
                DocumentKind.COORDINATION, String.valueOf(question.id()), null, file, FILES, user);
        jdbc.sql("update coordination_entry set document_id = ?, attachment_name = ?, attachment_type = ?, attachment_bytes = ? where id = ?")
                .params(document.id(), document.fileName(), document.contentType(), document.sizeBytes(), entryId).update();
        audit.record(CollaborationAudit.QUESTION_ATTACHED, "application", question.orderNo(), "thread=" + question.id()
                + " document=" + document.id());
        return new QuestionAttachment(question.id(), entryId, document.id(), document.fileName(), document.contentType(),
                document.sizeBytes());
    }

    private static QuestionAttachment attachment(ResultSet rs) throws SQLException {
        long documentId = rs.getLong(6);
        return rs.wasNull() ? null : new QuestionAttachment(rs.getLong(10), rs.getLong(1), documentId, rs.getString(7), rs.getString(8),
                rs.getLong(9));
    }

    CoordinationQuestion find(long id) {
        return jdbc.sql("select " + COLUMNS + " from coordination_question where id = ?").param(id).query(this::row).optional()
                .orElseThrow(() -> DomainException.notFound("collaboration.question.not-found", id));
    }

    private CoordinationQuestion locked(long id, CurrentUser user) {
        // The row lock serialises an answer and a reopening of the same question.
        return visible(jdbc.sql("select " + COLUMNS + " from coordination_question where id = ? for update").param(id)
                .query(this::row).optional().orElseThrow(() -> DomainException.notFound("collaboration.question.not-found", id)), user);
    }

    private CoordinationQuestion askedBy(long id, CurrentUser user) {
        CoordinationQuestion question = locked(id, user);
        if (!question.askedBy().equals(user.username())) {
            throw DomainException.forbidden("collaboration.decide.not-asker");
        }
        return question;
    }

    private static CoordinationQuestion visible(CoordinationQuestion question, CurrentUser user) {
        if (!user.scope().includes(question.orgPath()) && !member(question, user)) {
            throw DomainException.notFound("collaboration.question.not-found", question.id());
        }
        return question;
    }

    private static boolean member(CoordinationQuestion question, CurrentUser user) {
        return user.orgPath().startsWith(question.departmentPath());
    }

    private static void requireStatus(CoordinationQuestion question, CoordinationQuestion.Status expected) {
        if (question.status() != expected) {
            throw DomainException.conflict("collaboration.wrong-status", new DefaultMessageSourceResolvable(question.status().messageKey()));
        }
    }

    private Application orderInScope(long orderId, CurrentUser user) {
        return orders.find(orderId).filter(o -> user.scope().includes(o.orgPath()))
                .orElseThrow(() -> DomainException.notFound("collaboration.order.not-found", orderId));
    }

    private static String text(String field, String text) {
        String stripped = text == null ? "" : text.strip();
        if (stripped.length() < TEXT_MIN || stripped.length() > TEXT_MAX) {
            throw DomainException.invalid(field, "collaboration.text-length", TEXT_MIN, TEXT_MAX);
        }
        return stripped;
    }

    private long entry(long questionId, QuestionEntry.Kind kind, String body, CurrentUser user, Instant at) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("insert into coordination_entry (question_id, kind, body, author, written_at) values (?, ?, ?, ?, ?)")
                .params(questionId, kind.name(), body, user.username(), ts(at)).update(keys, "id");
        return ((Number) keys.getKeys().get("id")).longValue();
    }

    private CoordinationQuestion row(ResultSet rs, int n) throws SQLException {
        return new CoordinationQuestion(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getLong(5), rs.getString(6),
                rs.getString(7), CoordinationQuestion.Status.valueOf(rs.getString(8)), rs.getString(9), instant(rs, 10), instant(rs, 11),
                instant(rs, 12), instant(rs, 13), instant(rs, 14), instant(rs, 15), instant(rs, 16), rs.getString(17),
                instant(rs, 18), instant(rs, 19), rs.getInt(20));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }

    /** A question asked: of which department, about what, and the question itself. */
    public record Ask(Long departmentId, String subject, String text) {
    }

    /** A question with its department, its thread, and whether the reader may answer it or decide on its answer. */
    public record Thread(CoordinationQuestion question, OrgUnit department, List<QuestionEntry> entries, boolean mayAnswer, boolean mayDecide) {
    }
}

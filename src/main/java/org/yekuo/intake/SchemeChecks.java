package org.yekuo.intake;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yekuo.catalogue.Catalogue;
import org.yekuo.catalogue.GuidelineItem;
import org.yekuo.catalogue.ReviewGuideline;
import org.yekuo.catalogue.ReviewGuidelines;
import org.yekuo.identity.CurrentUser;
import org.yekuo.identity.StaffMember;
import org.yekuo.identity.StaffMembers;
import org.yekuo.shared.DomainException;

/**
 * The LV scheme check (R-REV-2): which orders' designs answer it (those whose type is checked against the LV
 * guideline), the sheet a designer answers and the check stored with the order, read within the reader's scope.
 */
@Service
@Transactional(readOnly = true)
public class SchemeChecks {

    static final String DESIGN = "SCHEME_DESIGN";

    private final Applications applications;
    private final Catalogue catalogue;
    private final ReviewGuidelines guidelines;
    private final StaffMembers staff;
    private final JdbcClient jdbc;

    SchemeChecks(Applications applications, Catalogue catalogue, ReviewGuidelines guidelines, StaffMembers staff, JdbcClient jdbc) {
        this.applications = applications;
        this.catalogue = catalogue;
        this.guidelines = guidelines;
        this.staff = staff;
        this.jdbc = jdbc;
    }

    /** The sheet the designer of the order answers at the node, or empty when the node does not answer one. */
    public Optional<SchemeCheck> sheet(long orderId, String nodeCode, CurrentUser user) {
        if (!DESIGN.equals(nodeCode)) {
            // Every task page asks: most nodes answer no check, and need not read the order to say so.
            return Optional.empty();
        }
        Application order = applications.get(orderId);
        OrderAccess.requireInScope(order, user);
        return requiredAt(order, nodeCode).map(guideline -> new SchemeCheck(orderId, 0, guideline.code(), guideline.version(), null,
                null, null, guideline.items().stream().map(i -> item(i, null, null)).toList()));
    }

    /** The order's check as last answered, or empty before its scheme was designed or when its type answers none. */
    public Optional<SchemeCheck> latest(long orderId, CurrentUser user) {
        Application order = applications.get(orderId);
        OrderAccess.requireInScope(order, user);
        return latest(orderId);
    }

    /** The guideline the scheme designed at this node is checked against by its designer: the LV one, current. */
    Optional<ReviewGuideline> requiredAt(Application order, String nodeCode) {
        if (!DESIGN.equals(nodeCode)) {
            return Optional.empty();
        }
        return guidelines.codeFor(catalogue.version(order.planTypeCode(), order.planTypeVersion()))
                .filter(ReviewGuideline.LOW_VOLTAGE::equals).map(guidelines::current);
    }

    /** Stores the answers of a scheme that passed its check as the order's next round. */
    @Transactional
    void record(long orderId, ReviewGuideline guideline, List<SchemeCheckPolicy.Answer> answers, String checkedBy, Instant at) {
        int round = jdbc.sql("select coalesce(max(round_no), 0) + 1 from scheme_check_answer where application_id = ?")
                .param(orderId).query(Integer.class).single();
        // One statement for all items: a design completes often, and each round trip counts.
        List<Object> params = new ArrayList<>();
        for (SchemeCheckPolicy.Answer a : answers) {
            params.addAll(Arrays.asList(orderId, round, guideline.code(), guideline.version(), a.position(), a.clauseNo(),
                    a.verdict().name(), a.note(), checkedBy, Timestamp.from(at)));
        }
        jdbc.sql("insert into scheme_check_answer (application_id, round_no, guideline_code, guideline_version, position, clause_no,"
                + " verdict, note, checked_by, checked_at) values "
                + String.join(", ", Collections.nCopies(answers.size(), "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")))
                .params(params).update();
    }

    private Optional<SchemeCheck> latest(long orderId) {
        record Row(int round, String code, int version, String clauseNo, CheckVerdict verdict, String note, String by, Instant at) {
        }
        List<Row> rows = jdbc.sql("""
                select round_no, guideline_code, guideline_version, clause_no, verdict, note, checked_by, checked_at
                from scheme_check_answer where application_id = ?
                  and round_no = (select max(round_no) from scheme_check_answer where application_id = ?)
                order by position""")
                .params(orderId, orderId)
                .query((rs, n) -> new Row(rs.getInt(1), rs.getString(2), rs.getInt(3), rs.getString(4), CheckVerdict.valueOf(rs.getString(5)),
                        rs.getString(6), rs.getString(7), rs.getTimestamp(8).toInstant()))
                .list();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Row first = rows.get(0);
        ReviewGuideline guideline = guidelines.version(first.code(), first.version());
        String name = staff.byUsername(first.by()).map(StaffMember::displayName).orElse(first.by());
        List<SchemeCheck.Item> items = rows.stream().map(r -> guideline.item(r.clauseNo())
                .map(i -> item(i, r.verdict(), r.note()))
                .orElseThrow(() -> DomainException.notFound("catalogue.guideline.version-not-found", r.code(), String.valueOf(r.version()))))
                .toList();
        return Optional.of(new SchemeCheck(orderId, first.round(), first.code(), first.version(), first.by(), name, first.at(), items));
    }

    private static SchemeCheck.Item item(GuidelineItem item, CheckVerdict verdict, String note) {
        return new SchemeCheck.Item(item.clauseNo(), item.textZh(), item.textEn(), item.department(), verdict, note);
    }
}

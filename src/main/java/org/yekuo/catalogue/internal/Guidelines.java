package org.yekuo.catalogue.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.yekuo.catalogue.Department;
import org.yekuo.catalogue.GuidelineChange;
import org.yekuo.catalogue.GuidelineItem;
import org.yekuo.catalogue.GuidelineRevision;
import org.yekuo.catalogue.ReviewGuideline;

/** The review guidelines and all their versions. A version, once written, is never changed. */
@Repository
public class Guidelines {

    private final JdbcClient jdbc;

    Guidelines(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The guidelines' codes in display order. */
    public List<String> codes() {
        return jdbc.sql("select code from catalogue_guideline order by position").query(String.class).list();
    }

    public Optional<Integer> currentVersion(String code) {
        return jdbc.sql("select current_version from catalogue_guideline where code = ?").param(code)
                .query(Integer.class).optional();
    }

    /** The newest version made at or before the instant; empty when the guideline had no version yet. */
    public Optional<Integer> versionAt(String code, Instant at) {
        return jdbc.sql("""
                select version_no from catalogue_guideline_version
                where guideline_code = ? and changed_at <= ? order by version_no desc""")
                .params(code, Timestamp.from(at)).query(Integer.class).list().stream().findFirst();
    }

    public Optional<ReviewGuideline> find(String code, int version) {
        return jdbc.sql("""
                select v.id, g.name_zh, g.name_en
                from catalogue_guideline_version v join catalogue_guideline g on g.code = v.guideline_code
                where v.guideline_code = ? and v.version_no = ?""")
                .params(code, version)
                .query((rs, n) -> new ReviewGuideline(code, version, rs.getString("name_zh"), rs.getString("name_en"),
                        items(rs.getLong("id"))))
                .optional();
    }

    /** Every clause number that any version of the guideline, current or old, has used. */
    public Set<String> clausesEverUsed(String code) {
        return Set.copyOf(jdbc.sql("""
                select distinct i.clause_no from catalogue_guideline_item i
                join catalogue_guideline_version v on v.id = i.version_id
                where v.guideline_code = ?""")
                .param(code).query(String.class).list());
    }

    /** The guideline's versions, newest first. */
    public List<GuidelineRevision> revisions(String code) {
        return jdbc.sql("""
                select guideline_code, version_no, changed_by, changed_at, change_kind, change_detail, change_note
                from catalogue_guideline_version where guideline_code = ? order by version_no desc""")
                .param(code).query(Guidelines::revision).list();
    }

    /**
     * Makes {@code base + 1} the current version if {@code base} still is: the compare-and-set that
     * refuses an edit based on a stale version even when two edits race.
     */
    public boolean advance(String code, int base) {
        return jdbc.sql("update catalogue_guideline set current_version = ? where code = ? and current_version = ?")
                .params(base + 1, code, base).update() == 1;
    }

    public void insert(ReviewGuideline guideline, GuidelineRevision revision) {
        jdbc.sql("""
                insert into catalogue_guideline_version (guideline_code, version_no, changed_by, changed_at,
                    change_kind, change_detail, change_note)
                values (?, ?, ?, ?, ?, ?, ?)""")
                .params(guideline.code(), guideline.version(), revision.changedBy(),
                        Timestamp.from(revision.changedAt()), revision.kind().name(), revision.detail(),
                        revision.note())
                .update();
        long id = jdbc.sql("select id from catalogue_guideline_version where guideline_code = ? and version_no = ?")
                .params(guideline.code(), guideline.version()).query(Long.class).single();
        int position = 1;
        for (GuidelineItem item : guideline.items()) {
            jdbc.sql("""
                    insert into catalogue_guideline_item (version_id, position, clause_no, text_zh, text_en, department)
                    values (?, ?, ?, ?, ?, ?)""")
                    .params(id, position++, item.clauseNo(), item.textZh(), item.textEn(), item.department().name())
                    .update();
        }
    }

    private List<GuidelineItem> items(long versionId) {
        return jdbc.sql("select * from catalogue_guideline_item where version_id = ? order by position")
                .param(versionId)
                .query((rs, n) -> new GuidelineItem(rs.getString("clause_no"), rs.getString("text_zh"),
                        rs.getString("text_en"), Department.valueOf(rs.getString("department"))))
                .list();
    }

    private static GuidelineRevision revision(ResultSet rs, int n) throws SQLException {
        return new GuidelineRevision(rs.getString("guideline_code"), rs.getInt("version_no"),
                rs.getString("changed_by"), rs.getTimestamp("changed_at").toInstant(),
                GuidelineChange.valueOf(rs.getString("change_kind")), rs.getString("change_detail"),
                rs.getString("change_note"));
    }
}

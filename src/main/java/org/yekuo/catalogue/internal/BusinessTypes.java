package org.yekuo.catalogue.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.yekuo.catalogue.BusinessTypeDefinition;
import org.yekuo.catalogue.BusinessTypeSummary;
import org.yekuo.catalogue.ChangeKind;
import org.yekuo.catalogue.ChecklistItem;
import org.yekuo.catalogue.Department;
import org.yekuo.catalogue.KeyNode;
import org.yekuo.catalogue.LimitSource;
import org.yekuo.catalogue.LimitUnit;
import org.yekuo.catalogue.NodeDefinition;
import org.yekuo.catalogue.ProcessFamily;
import org.yekuo.catalogue.Revision;
import org.yekuo.catalogue.Reviewer;
import org.yekuo.catalogue.TimeLimit;

/** The business types and all their versions. A version, once written, is never changed. */
@Repository
public class BusinessTypes {

    private static final String SUMMARY = """
            select t.code, t.name_zh, t.name_en, v.family, t.current_version, v.changed_at, t.online_capable,
                   (select count(*) from catalogue_node n where n.version_id = v.id) as node_count
            from catalogue_type t
            join catalogue_type_version v on v.type_code = t.code and v.version_no = t.current_version
            """;

    private final JdbcClient jdbc;

    BusinessTypes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<BusinessTypeSummary> summaries(Optional<ProcessFamily> family) {
        if (family.isPresent()) {
            return jdbc.sql(SUMMARY + " where v.family = ? order by t.position").param(family.get().name())
                    .query(BusinessTypes::summary).list();
        }
        return jdbc.sql(SUMMARY + " order by t.position").query(BusinessTypes::summary).list();
    }

    public Optional<Integer> currentVersion(String code) {
        return jdbc.sql("select current_version from catalogue_type where code = ?").param(code)
                .query(Integer.class).optional();
    }

    public Optional<BusinessTypeDefinition> find(String code, int version) {
        return jdbc.sql("""
                select v.id, v.family, v.low_voltage_variant, t.name_zh, t.name_en
                from catalogue_type_version v join catalogue_type t on t.code = v.type_code
                where v.type_code = ? and v.version_no = ?""")
                .params(code, version)
                .query((rs, n) -> new VersionRow(rs.getLong("id"), ProcessFamily.valueOf(rs.getString("family")),
                        rs.getString("low_voltage_variant"), rs.getString("name_zh"), rs.getString("name_en")))
                .optional()
                .map(row -> new BusinessTypeDefinition(code, version, row.nameZh(), row.nameEn(), row.family(),
                        row.lowVoltageVariant(), nodes(row.id()), reviewers(row.id()), checklist(row.id())));
    }

    /** The type's versions, newest first. */
    public List<Revision> revisions(String code) {
        return jdbc.sql("""
                select type_code, version_no, changed_by, changed_at, change_kind, change_detail, change_note
                from catalogue_type_version where type_code = ? order by version_no desc""")
                .param(code).query(BusinessTypes::revision).list();
    }

    /**
     * Makes {@code base + 1} the current version if {@code base} still is: the compare-and-set that
     * refuses an edit based on a stale version even when two edits race.
     */
    public boolean advance(String code, int base) {
        return jdbc.sql("update catalogue_type set current_version = ? where code = ? and current_version = ?")
                .params(base + 1, code, base).update() == 1;
    }

    /** Marks whether applicants may apply for the type from their phone; false when the type is unknown. */
    public boolean markOnlineCapable(String code, boolean onlineCapable) {
        return jdbc.sql("update catalogue_type set online_capable = ? where code = ?").params(onlineCapable, code).update() == 1;
    }

    public void insert(BusinessTypeDefinition definition, Revision revision) {
        jdbc.sql("""
                insert into catalogue_type_version (type_code, version_no, family, low_voltage_variant, changed_by,
                    changed_at, change_kind, change_detail, change_note)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(definition.code(), definition.version(), definition.family().name(),
                        definition.lowVoltageVariant(), revision.changedBy(), Timestamp.from(revision.changedAt()),
                        revision.kind().name(), revision.detail(), revision.note())
                .update();
        long id = jdbc.sql("select id from catalogue_type_version where type_code = ? and version_no = ?")
                .params(definition.code(), definition.version()).query(Long.class).single();
        int position = 1;
        for (NodeDefinition node : definition.nodes()) {
            TimeLimit limit = node.limit();
            jdbc.sql("""
                    insert into catalogue_node (version_id, position, node_code, limit_amount, limit_unit, limit_source, limit_note)
                    values (?, ?, ?, ?, ?, ?, ?)""")
                    .params(id, position++, node.node().name(), limit.amount(), limit.unit().name(),
                            limit.source().name(), limit.note())
                    .update();
        }
        for (Reviewer reviewer : definition.reviewers()) {
            jdbc.sql("insert into catalogue_reviewer (version_id, department, only_above_kw) values (?, ?, ?)")
                    .params(id, reviewer.department().name(), reviewer.onlyAboveKw()).update();
        }
        position = 1;
        for (ChecklistItem item : definition.checklist()) {
            jdbc.sql("insert into catalogue_checklist_item (version_id, position, material_code, deferred_until) values (?, ?, ?, ?)")
                    .params(id, position++, item.material().code(),
                            item.deferredUntil() == null ? null : item.deferredUntil().name())
                    .update();
        }
    }

    private List<NodeDefinition> nodes(long versionId) {
        return jdbc.sql("select * from catalogue_node where version_id = ? order by position").param(versionId)
                .query((rs, n) -> new NodeDefinition(KeyNode.valueOf(rs.getString("node_code")),
                        new TimeLimit(rs.getInt("limit_amount"), LimitUnit.valueOf(rs.getString("limit_unit")),
                                LimitSource.valueOf(rs.getString("limit_source")), rs.getString("limit_note"))))
                .list();
    }

    private List<Reviewer> reviewers(long versionId) {
        // Ordered as the enum is (operations, marketing, dispatch), whatever order they were stored in.
        return jdbc.sql("select department, only_above_kw from catalogue_reviewer where version_id = ?").param(versionId)
                .query((rs, n) -> new Reviewer(Department.valueOf(rs.getString("department")),
                        rs.getObject("only_above_kw", Integer.class)))
                .list().stream().sorted(Comparator.comparing(Reviewer::department)).toList();
    }

    private List<ChecklistItem> checklist(long versionId) {
        return jdbc.sql("""
                select m.code, m.name_zh, m.name_en, m.subject_qualification, m.with_application, m.reuse, i.deferred_until
                from catalogue_checklist_item i join catalogue_material m on m.code = i.material_code
                where i.version_id = ? order by i.position""")
                .param(versionId)
                .query((rs, n) -> new ChecklistItem(Materials.material(rs, n),
                        rs.getString("deferred_until") == null ? null : KeyNode.valueOf(rs.getString("deferred_until"))))
                .list();
    }

    private static BusinessTypeSummary summary(ResultSet rs, int n) throws SQLException {
        return new BusinessTypeSummary(rs.getString("code"), rs.getString("name_zh"), rs.getString("name_en"),
                ProcessFamily.valueOf(rs.getString("family")), rs.getInt("node_count"), rs.getInt("current_version"),
                rs.getTimestamp("changed_at").toInstant(), rs.getBoolean("online_capable"));
    }

    private static Revision revision(ResultSet rs, int n) throws SQLException {
        return new Revision(rs.getString("type_code"), rs.getInt("version_no"), rs.getString("changed_by"),
                rs.getTimestamp("changed_at").toInstant(), ChangeKind.valueOf(rs.getString("change_kind")),
                rs.getString("change_detail"), rs.getString("change_note"));
    }

    private record VersionRow(long id, ProcessFamily family, String lowVoltageVariant, String nameZh, String nameEn) {
    }
}

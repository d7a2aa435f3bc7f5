package org.yekuo.intake;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.yekuo.shared.DomainException;

/** Stores applications, their materials and node fields. */
@Repository
class Applications {

    private final JdbcClient jdbc;
    private final TransactionTemplate nested;
    private final ApplicationEventPublisher events;

    Applications(JdbcClient jdbc, PlatformTransactionManager transactions, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
        this.nested = new TransactionTemplate(transactions);
        this.nested.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    record Sealed(String applicantName, String applicantNameIndex, String subjectCode, String subjectCodeIndex, String phone,
            String phoneIndex) {
    }

    long insert(String orderNo, String typeCode, int typeVersion, String planTypeCode, int planTypeVersion, String family,
            NewApplication request, Sealed sealed,
            String nameMasked, String codeMasked, String phoneMasked, Channel channel, long orgUnitId, String orgPath, String token,
            String idempotencyKey, String createdBy, Instant now) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into application (order_no, type_code, type_version, plan_type_code, plan_type_version, family, status, applicant_kind,
                    applicant_name_sealed, applicant_name_masked, subject_code_sealed, subject_code_index, subject_code_masked,
                    phone_sealed, phone_masked, supply_address, capacity_amount, capacity_unit, channel, org_unit_id, org_path,
                    progress_token, idempotency_key, created_by, created_at, applicant_name_index, phone_index)
                values (?, ?, ?, ?, ?, ?, 'ACTIVE', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(orderNo, typeCode, typeVersion, planTypeCode, planTypeVersion, family, request.applicantKind().name(), sealed.applicantName(),
                        nameMasked, sealed.subjectCode(), sealed.subjectCodeIndex(), codeMasked, sealed.phone(), phoneMasked,
                        request.supplyAddress().trim(), request.capacity(), request.capacityUnit().name(), channel.name(), orgUnitId, orgPath,
                        token, idempotencyKey, createdBy, Timestamp.from(now), sealed.applicantNameIndex(), sealed.phoneIndex())
                .update(keys, "id");
        return ((Number) keys.getKeys().get("id")).longValue();
    }

    Optional<Application> find(long id) {
        return jdbc.sql("select * from application where id = ?").param(id).query(ROW).optional();
    }

    /** Several orders in one read (a page's worth), keyed by id; ids that do not exist are left out. */
    Map<Long, Application> findAll(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<Long, Application> found = new LinkedHashMap<>();
        jdbc.sql("select * from application where id in (:ids)").param("ids", List.copyOf(new LinkedHashSet<>(ids))).query(ROW)
                .list().forEach(a -> found.put(a.id(), a));
        return found;
    }

    /**
     * The order, read under its row lock for the rest of the transaction: a node reached and a material supplied at
     * the same moment each decide from the order's checklist, and without the lock each would decide from what it read
     * before the other committed (an order suspended for a material that had just arrived would wait for ever).
     */
    Optional<Application> findLocked(long id) {
        return jdbc.sql("select * from application where id = ? for update").param(id).query(ROW).optional();
    }

    Application get(long id) {
        return find(id).orElseThrow(() -> DomainException.notFound("intake.order.not-found", Long.toString(id)));
    }

    Optional<Application> findByOrderNo(String orderNo) {
        return jdbc.sql("select * from application where order_no = ?").param(orderNo).query(ROW).optional();
    }

    Optional<Application> findByToken(String token) {
        return jdbc.sql("select * from application where progress_token = ?").param(token).query(ROW).optional();
    }

    /** The order an idempotency key created, with who sent it: the channel, the member of staff, the proven phone. */
    Optional<KeyHolder> findByIdempotencyKey(String key) {
        return jdbc.sql("select id, channel, created_by, phone_index from application where idempotency_key = ?").param(key)
                .query((rs, n) -> new KeyHolder(rs.getLong(1), Channel.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4)))
                .optional();
    }

    /** The idempotency key the order was accepted with, if its caller sent one. */
    Optional<String> idempotencyKey(long id) {
        return jdbc.sql("select idempotency_key from application where id = ? and idempotency_key is not null").param(id).query(String.class).optional();
    }

    record KeyHolder(long applicationId, Channel channel, String createdBy, String phoneIndex) {
    }

    /**
     * Writes the aggregate's changed state, refusing if someone else changed it meanwhile, then announces what happened
     * to it in the caller's transaction: synchronous listeners commit or roll back with the change.
     */
    void update(Application a) {
        int rows = jdbc.sql("""
                update application set status = ?, suspended_reason = ?, stopped_at_node = ?, completed_at = ?,
                    cancelled_reason = ?, suspended_at = ?, chased_by = ?, row_version = row_version + 1
                where id = ? and row_version = ?""")
                .params(a.status().name(), a.suspendedReason(), a.stoppedAt(),
                        a.completedAt() == null ? null : Timestamp.from(a.completedAt()), a.cancelledReason(),
                        a.suspendedAt() == null ? null : Timestamp.from(a.suspendedAt()), a.chasedBy(), a.id(), a.rowVersion())
                .update();
        if (rows != 1) {
            throw new OptimisticLockingFailureException("application " + a.id() + " changed concurrently");
        }
        a.takeEvents().forEach(events::publishEvent);
    }

    /** Suspended orders in the scope, longest waiting first: the counter's list of materials to collect. */
    List<Application> suspendedInScope(String scopeLike, int max) {
        return jdbc.sql("select * from application where status = 'SUSPENDED' and org_path like ? order by suspended_at, id limit ?")
                .params(scopeLike, max).query(ROW).list();
    }

    String phoneSealed(long id) {
        return jdbc.sql("select phone_sealed from application where id = ?").param(id).query(String.class).single();
    }

    String applicantNameSealed(long id) {
        return jdbc.sql("select applicant_name_sealed from application where id = ?").param(id).query(String.class).single();
    }

    void renameApplicant(long id, String nameSealed, String nameIndex, String nameMasked) {
        jdbc.sql("update application set applicant_name_sealed = ?, applicant_name_index = ?, applicant_name_masked = ? where id = ?")
                .params(nameSealed, nameIndex, nameMasked, id).update();
    }

    void moveSupplyAddress(long id, String supplyAddress) {
        jdbc.sql("update application set supply_address = ? where id = ?").params(supplyAddress, id).update();
    }

    String subjectCodeSealed(long id) {
        return jdbc.sql("select subject_code_sealed from application where id = ?").param(id).query(String.class).single();
    }

    // Materials

    void insertMaterial(long applicationId, ApplicationMaterial m) {
        jdbc.sql("""
                insert into application_material (application_id, material_code, state, deferred_until, document_id, reused_from, supplied_at)
                values (?, ?, ?, ?, ?, ?, ?)""")
                .params(applicationId, m.materialCode(), m.state().name(), m.deferredUntil(), m.documentId(), m.reusedFrom(),
                        m.suppliedAt() == null ? null : Timestamp.from(m.suppliedAt()))
                .update();
    }

    /** The material is supplied with its document, and goes on file for the applicant's later applications. */
    void markSupplied(long applicationId, String materialCode, long documentId, Instant at) {
        jdbc.sql("""
                update application_material set state = 'SUPPLIED', document_id = ?, reused_from = null, supplied_at = ?
                where application_id = ? and material_code = ?""")
                .params(documentId, Timestamp.from(at), applicationId, materialCode).update();
        if (!raiseOnFile(applicationId, materialCode, documentId)) {
            // A savepoint, so that losing the race to put the applicant's first copy on file does not abort the transaction.
            boolean inserted = Boolean.TRUE.equals(nested.execute(status -> {
                try {
                    return jdbc.sql("""
                            insert into material_on_file (subject_code_index, material_code, application_id, document_id)
                            select subject_code_index, ?, id, ? from application where id = ?""")
                            .params(materialCode, documentId, applicationId).update() == 1;
                } catch (DuplicateKeyException raced) {
                    status.setRollbackOnly();
                    return false;
                }
            }));
            if (!inserted) {
                raiseOnFile(applicationId, materialCode, documentId);
            }
        }
    }

    /** Moves the applicant's entry on file to the newest application and document; false when there is none yet. */
    private boolean raiseOnFile(long applicationId, String materialCode, long documentId) {
        return jdbc.sql("""
                update material_on_file set application_id = greatest(application_id, ?), document_id = greatest(document_id, ?)
                where subject_code_index = (select subject_code_index from application where id = ?) and material_code = ?""")
                .params(applicationId, documentId, applicationId, materialCode).update() == 1;
    }

    List<ApplicationMaterial> materials(long applicationId) {
        return jdbc.sql("select * from application_material where application_id = ? order by material_code")
                .param(applicationId)
                .query((rs, n) -> new ApplicationMaterial(rs.getString("material_code"),
                        MaterialState.valueOf(rs.getString("state")), rs.getString("deferred_until"),
                        (Long) rs.getObject("document_id", Long.class), (Long) rs.getObject("reused_from", Long.class),
                        rs.getTimestamp("supplied_at") == null ? null : rs.getTimestamp("supplied_at").toInstant()))
                .list();
    }

    /**
     * Materials this applicant (by the blind index of their subject code) already supplied on earlier
     * applications: the newest supplying application per material, one entry each in {@code material_on_file},
     * however many applications the applicant made before.
     */
    List<OnFile> onFile(String subjectCodeIndex) {
        return jdbc.sql("""
                select f.material_code, f.application_id, f.document_id, a.supply_address, a.phone_index
                from material_on_file f join application a on a.id = f.application_id where f.subject_code_index = ?""")
                .param(subjectCodeIndex)
                .query((rs, n) -> new OnFile(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getString(5)))
                .list();
    }

    /**
     * The applicant's newest copy of a material, with the supply address and the (blind-indexed) phone of the order it
     * came with.
     */
    record OnFile(String materialCode, long applicationId, long documentId, String supplyAddress, String phoneIndex) {
    }

    // Node fields

    /** Records a node's fields, replacing what an earlier pass of the node recorded under the same names. */
    void saveNodeFields(long applicationId, String nodeCode, Map<String, String> fields) {
        if (fields.isEmpty()) {
            return;
        }
        jdbc.sql("delete from application_node_field where application_id = :id and node_code = :node and field_name in (:names)")
                .param("id", applicationId).param("node", nodeCode).param("names", List.copyOf(fields.keySet())).update();
        List<Object> params = new ArrayList<>();
        fields.forEach((name, text) -> params.addAll(List.of(applicationId, nodeCode, name, text)));
        jdbc.sql("insert into application_node_field (application_id, node_code, field_name, field_text) values "
                + String.join(", ", Collections.nCopies(fields.size(), "(?, ?, ?, ?)")))
                .params(params).update();
    }

    List<NodeField> nodeFields(long applicationId) {
        return jdbc.sql("select node_code, field_name, field_text from application_node_field where application_id = ? order by node_code, field_name")
                .param(applicationId)
                .query((rs, n) -> new NodeField(rs.getString(1), rs.getString(2), rs.getString(3))).list();
    }

    /**
     * Takes the year's order-number lock until the transaction ends, creating the counter on the year's
     * first order. Acceptances serialise here, which also makes a re-check of an idempotency key after
     * the lock final: a parallel request with the same key has committed by then.
     */
    void lockOrderNumbers(int year) {
        if (jdbc.sql("select last_no from order_number_counter where year_no = ? for update").param(year)
                .query(Integer.class).optional().isEmpty()) {
            // A savepoint, so that losing the race for the first order of a year does not abort the transaction.
            nested.executeWithoutResult(status -> {
                try {
                    jdbc.sql("insert into order_number_counter (year_no, last_no) values (?, 0)").param(year).update();
                } catch (DuplicateKeyException raced) {
                    status.setRollbackOnly();
                }
            });
            jdbc.sql("select last_no from order_number_counter where year_no = ? for update").param(year).query(Integer.class).single();
        }
    }

    /** The next readable number of the year, e.g. YK-2026-000123; call with the year's lock held. */
    String nextOrderNo(int year) {
        jdbc.sql("update order_number_counter set last_no = last_no + 1 where year_no = ?").param(year).update();
        int number = jdbc.sql("select last_no from order_number_counter where year_no = ?").param(year).query(Integer.class).single();
        return String.format("YK-%d-%06d", year, number);
    }

    static final RowMapper<Application> ROW = (rs, n) -> new Application(rs.getLong("id"), rs.getString("order_no"),
            rs.getString("type_code"), rs.getInt("type_version"), rs.getString("plan_type_code"),
            rs.getInt("plan_type_version"), rs.getString("family"),
            ApplicationStatus.valueOf(rs.getString("status")), rs.getString("suspended_reason"),
            ApplicantKind.valueOf(rs.getString("applicant_kind")), rs.getString("applicant_name_masked"),
            rs.getString("subject_code_masked"), rs.getString("phone_masked"), rs.getString("supply_address"),
            rs.getBigDecimal("capacity_amount"), CapacityUnit.valueOf(rs.getString("capacity_unit")),
            rs.getLong("org_unit_id"), rs.getString("org_path"), rs.getString("stopped_at_node"),
            rs.getString("progress_token"), rs.getString("created_by"), rs.getTimestamp("created_at").toInstant(),
            rs.getTimestamp("completed_at") == null ? null : rs.getTimestamp("completed_at").toInstant(),
            rs.getString("cancelled_reason"),
            rs.getTimestamp("suspended_at") == null ? null : rs.getTimestamp("suspended_at").toInstant(), rs.getString("chased_by"),
            rs.getInt("row_version"));
}

package org.yekuo.document.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.yekuo.audit.AuditTrail;
import org.yekuo.document.AccessFilter;
import org.yekuo.document.AccessKind;
import org.yekuo.document.DocumentAccess;
import org.yekuo.document.DocumentAlert;
import org.yekuo.document.DocumentAudit;
import org.yekuo.document.Page;
import org.yekuo.identity.CurrentUser;
import org.yekuo.identity.Role;
import org.yekuo.identity.StaffMember;
import org.yekuo.identity.StaffMembers;
import org.yekuo.notification.Notifications;
import org.yekuo.shared.DomainException;
import org.yekuo.shared.Paging;

/**
 * The access log and its alerts (R-DOC-5). Each access is written in a transaction of its own, so that a
 * refusal is on record although the request it answers fails. A refusal raises an alert at once; so does
 * the first download beyond the burst limit within the window. An alert goes to the security
 * administrators who cover the order or the person, on their page and by SMS.
 */
@Service
public class AccessWatch {

    private static final String ACCESS_COLUMNS = """
            select id, document_id, order_no, username, display_name, access_kind, allowed, refusal, remote_address, occurred_at
            from document_access""";
    private static final String ALERT_COLUMNS = """
            select id, alert_kind, username, display_name, document_id, order_no, access_count, remote_address, raised_at,
                   acknowledged_by, acknowledged_at
            from document_alert""";

    private final JdbcClient jdbc;
    private final DocumentsProperties properties;
    private final StaffMembers staff;
    private final Notifications notifications;
    private final AuditTrail audit;
    private final Clock clock;

    AccessWatch(JdbcClient jdbc, DocumentsProperties properties, StaffMembers staff, Notifications notifications,
            AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.staff = staff;
        this.notifications = notifications;
        this.audit = audit;
        this.clock = clock;
    }

    /** Logs an allowed access; the download that goes beyond the burst limit raises an alert. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void allowed(long documentId, String orderNo, AccessKind kind, CurrentUser user, String remoteAddress) {
        Instant now = clock.instant();
        insert(documentId, orderNo, kind, user, true, null, remoteAddress, now);
        audit.record(DocumentAudit.accessed(kind), "document", String.valueOf(documentId),
                "order=" + orderNo + " address=" + remoteAddress);
        if (kind == AccessKind.VIEW) {
            return;
        }
        Instant since = now.minus(properties.burstWindow());
        int downloads = jdbc.sql("""
                select count(*) from document_access
                where username = ? and allowed = true and access_kind <> 'VIEW' and occurred_at > ?""")
                .params(user.username(), Timestamp.from(since)).query(Integer.class).single();
        boolean alerted = jdbc.sql("select count(*) from document_alert where username = ? and alert_kind = 'BURST' and raised_at > ?")
                .params(user.username(), Timestamp.from(since)).query(Integer.class).single() > 0;
        if (downloads > properties.burstLimit() && !alerted) {
            raise(DocumentAlert.Kind.BURST, user, documentId, orderNo, downloads, remoteAddress, now);
            notify(user.orgPath(), null, "document-burst", Map.of("name", user.displayName(),
                    "minutes", String.valueOf(properties.burstWindow().toMinutes()), "count", String.valueOf(downloads)));
        }
    }

    /** Logs a refused access, records it as a security event and alerts the security administrators. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void refused(Long documentId, String orderNo, String orgPath, AccessKind kind, CurrentUser user, String remoteAddress,
            String refusal) {
        Instant now = clock.instant();
        insert(documentId, orderNo, kind, user, false, refusal, remoteAddress, now);
        audit.record(DocumentAudit.REFUSED, "document", String.valueOf(documentId),
                "order=" + orderNo + " access=" + kind + " refusal=" + refusal + " address=" + remoteAddress);
        raise(DocumentAlert.Kind.REFUSED, user, documentId, orderNo, 1, remoteAddress, now);
        notify(user.orgPath(), orgPath, "document-refused", Map.of("name", user.displayName(),
                "number", orderNo == null ? "-" : orderNo));
    }

    @Transactional(readOnly = true)
    public Page<DocumentAccess> log(AccessFilter filter, int page, int size) {
        Paging.check(page, size);
        List<Object> params = new ArrayList<>();
        String where = where(filter, params);
        long total = jdbc.sql("select count(*) from document_access" + where).params(params).query(Long.class).single();
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.add(size);
        pageParams.add(Paging.offset(page, size));
        List<DocumentAccess> rows = jdbc.sql(ACCESS_COLUMNS + where + " order by occurred_at desc, id desc limit ? offset ?")
                .params(pageParams).query(AccessWatch::access).list();
        return new Page<>(rows, total, page, size);
    }

    @Transactional(readOnly = true)
    public Page<DocumentAlert> alerts(boolean openOnly, int page, int size) {
        Paging.check(page, size);
        String where = openOnly ? " where acknowledged_at is null" : "";
        long total = jdbc.sql("select count(*) from document_alert" + where).query(Long.class).single();
        List<DocumentAlert> rows = jdbc.sql(ALERT_COLUMNS + where + " order by raised_at desc, id desc limit ? offset ?")
                .params(size, Paging.offset(page, size)).query(AccessWatch::alert).list();
        return new Page<>(rows, total, page, size);
    }

    /** The security administrator has looked at an alert; it leaves the list of open ones. */
    @Transactional
    public DocumentAlert acknowledge(long alertId, CurrentUser user) {
        int changed = jdbc.sql("update document_alert set acknowledged_by = ?, acknowledged_at = ? where id = ? and acknowledged_at is null")
                .params(user.username(), Timestamp.from(clock.instant()), alertId).update();
        DocumentAlert alert = jdbc.sql(ALERT_COLUMNS + " where id = ?").param(alertId).query(AccessWatch::alert).optional()
                .orElseThrow(() -> DomainException.notFound("document.alert.not-found", alertId));
        if (changed == 1) {
            audit.record(DocumentAudit.ALERT_ACKNOWLEDGED, "document-alert", String.valueOf(alertId), "alertKind=" + alert.kind());
        }
        return alert;
    }

    private void insert(Long documentId, String orderNo, AccessKind kind, CurrentUser user, boolean allowed, String refusal,
            String remoteAddress, Instant at) {
        jdbc.sql("""
                insert into document_access (document_id, order_no, username, display_name, access_kind, allowed, refusal,
                                             remote_address, occurred_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(documentId, orderNo, user.username(), user.displayName(), kind.name(), allowed, refusal,
                        shortened(remoteAddress), Timestamp.from(at))
                .update();
    }

    private void raise(DocumentAlert.Kind kind, CurrentUser user, Long documentId, String orderNo, int count, String remoteAddress,
            Instant at) {
        jdbc.sql("""
                insert into document_alert (alert_kind, username, display_name, document_id, order_no, access_count,
                                            remote_address, raised_at)
                values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(kind.name(), user.username(), user.displayName(), documentId, orderNo, count, shortened(remoteAddress),
                        Timestamp.from(at))
                .update();
    }

    /** SMS to every security administrator covering either path who has a mobile number on file. */
    private void notify(String userPath, String documentPath, String template, Map<String, String> params) {
        Set<String> usernames = new LinkedHashSet<>();
        staff.withRoleCovering(Role.SECURITY_ADMIN, userPath).stream().map(StaffMember::username).forEach(usernames::add);
        if (documentPath != null) {
            staff.withRoleCovering(Role.SECURITY_ADMIN, documentPath).stream().map(StaffMember::username).forEach(usernames::add);
        }
        for (String username : usernames) {
            staff.mobileOf(username).ifPresent(phone -> notifications.sms(phone, template, params, "security-alert"));
        }
    }

    private static String where(AccessFilter filter, List<Object> params) {
        List<String> conditions = new ArrayList<>();
        if (filter.username() != null && !filter.username().isBlank()) {
            conditions.add("username = ?");
            params.add(filter.username().strip());
        }
        if (filter.orderNo() != null && !filter.orderNo().isBlank()) {
            conditions.add("order_no = ?");
            params.add(filter.orderNo().strip());
        }
        if (filter.allowed() != null) {
            conditions.add("allowed = ?");
            params.add(filter.allowed());
        }
        if (filter.from() != null) {
            conditions.add("occurred_at >= ?");
            params.add(Timestamp.from(filter.from()));
        }
        if (filter.to() != null) {
            conditions.add("occurred_at < ?");
            params.add(Timestamp.from(filter.to()));
        }
        return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
    }

    private static String shortened(String address) {
        return address == null || address.length() <= 64 ? address : address.substring(0, 64);
    }

    private static DocumentAccess access(ResultSet rs, int row) throws SQLException {
        return new DocumentAccess(rs.getLong("id"), (Long) rs.getObject("document_id", Long.class), rs.getString("order_no"),
                rs.getString("username"), rs.getString("display_name"), AccessKind.valueOf(rs.getString("access_kind")),
                rs.getBoolean("allowed"), rs.getString("refusal"), rs.getString("remote_address"),
                rs.getTimestamp("occurred_at").toInstant());
    }

    private static DocumentAlert alert(ResultSet rs, int row) throws SQLException {
        Timestamp acknowledged = rs.getTimestamp("acknowledged_at");
        return new DocumentAlert(rs.getLong("id"), DocumentAlert.Kind.valueOf(rs.getString("alert_kind")), rs.getString("username"),
                rs.getString("display_name"), (Long) rs.getObject("document_id", Long.class), rs.getString("order_no"),
                rs.getInt("access_count"), rs.getString("remote_address"), rs.getTimestamp("raised_at").toInstant(),
                rs.getString("acknowledged_by"), acknowledged == null ? null : acknowledged.toInstant());
    }
}

package org.yekuo.audit;

/**
 * A kind of change or security event the audit log records. Each module declares the actions it records as an
 * enum implementing this, so a module's vocabulary is listed in one place and audit depends on no module. The
 * code is what a record stores and what names its sentence ({@code audit.sentence.<code>}); records already in
 * the chain carry it, so a code never changes once recorded.
 */
public interface AuditAction {

    /** The action as stored in the record, e.g. {@code staff.created}. */
    String code();
}

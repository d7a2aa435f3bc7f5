package org.yekuo.identity.internal;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.yekuo.audit.AuditTerms;
import org.yekuo.identity.StaffMembers;

/** Names the people and org units the audit log records by username and unit code. */
@Component
class StaffAuditTerms implements AuditTerms {

    /** Detail keys that hold a username (who acted, to or from whom a task went). */
    private static final Set<String> PEOPLE = Set.of("actor", "by", "to", "from", "co-signer", "handler", "head");
    /** Detail keys that hold an org unit's code. */
    private static final Set<String> UNITS = Set.of("org", "from", "to", "owner");

    private final StaffMembers staff;
    private final JdbcClient jdbc;

    StaffAuditTerms(StaffMembers staff, JdbcClient jdbc) {
        this.staff = staff;
        this.jdbc = jdbc;
    }

    @Override
    public Optional<String> name(String key, String value, Locale locale) {
        Optional<String> person = PEOPLE.contains(key) ? Optional.ofNullable(staff.displayNames(Set.of(value)).get(value))
                : Optional.empty();
        return person.or(() -> UNITS.contains(key) ? unit(value, locale) : Optional.empty());
    }

    private Optional<String> unit(String code, Locale locale) {
        return jdbc.sql("select name_zh, name_en from org_unit where code = ?").param(code)
                .query((rs, n) -> "zh".equals(locale.getLanguage()) ? rs.getString(1) : rs.getString(2)).optional();
    }
}

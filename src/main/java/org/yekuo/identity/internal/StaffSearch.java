package org.yekuo.identity.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.yekuo.identity.DataScope;
import org.yekuo.identity.OrgUnit;
import org.yekuo.identity.OrgUnits;
import org.yekuo.identity.StaffMember;
import org.yekuo.identity.StaffMembers;
import org.yekuo.shared.DomainException;
import org.yekuo.shared.Paging;

/**
 * The staff list of the administration pages: only staff in the reader's data scope, optionally only
 * one org unit (and below) or a name or username fragment, with their lock state.
 */
@Component
@Transactional(readOnly = true)
public class StaffSearch {

    private final JdbcClient jdbc;
    private final StaffMembers members;
    private final OrgUnits orgUnits;
    private final Clock clock;

    StaffSearch(JdbcClient jdbc, StaffMembers members, OrgUnits orgUnits, Clock clock) {
        this.jdbc = jdbc;
        this.members = members;
        this.orgUnits = orgUnits;
        this.clock = clock;
    }

    /** What to list: {@code orgUnitId} and {@code text} are optional. */
    public record Filter(Long orgUnitId, String text) {
    }

    public StaffPage search(DataScope scope, Filter filter, int page, int size) {
        StringBuilder where = new StringBuilder(" where o.path like :scope");
        Map<String, Object> params = new HashMap<>(Map.of("scope", scope.likePattern()));
        if (filter.orgUnitId() != null) {
            OrgUnit unit = orgUnits.byId(filter.orgUnitId()).filter(u -> scope.includes(u.path()))
                    .orElseThrow(() -> DomainException.invalid("orgUnitId", "staff.org-unit.unknown"));
            where.append(" and o.path like :unit");
            params.put("unit", unit.scope().likePattern());
        }
        if (filter.text() != null && !filter.text().isBlank()) {
            where.append(" and (lower(s.username) like :text escape '\\' or lower(s.display_name) like :text escape '\\')");
            params.put("text", "%" + escapeLike(filter.text().trim().toLowerCase(Locale.ROOT)) + "%");
        }
        String from = " from staff s join org_unit o on o.id = s.org_unit_id" + where;
        long total = jdbc.sql("select count(*)" + from).params(params).query(Long.class).single();
        List<StaffListing> rows = listings(jdbc.sql("select s.id, s.locked_until, s.mobile_masked, s.email_masked, o.name_zh, o.name_en"
                + from + " order by s.username limit :size offset :offset").params(params).param("size", size)
                .param("offset", Paging.offset(page, size)));
        return new StaffPage(rows, total, page, size);
    }

    /** One member of staff, if they are in {@code scope}. */
    public Optional<StaffListing> find(DataScope scope, long id) {
        return listings(jdbc.sql("""
                select s.id, s.locked_until, s.mobile_masked, s.email_masked, o.name_zh, o.name_en
                  from staff s join org_unit o on o.id = s.org_unit_id
                where s.id = :id and o.path like :scope""").param("id", id).param("scope", scope.likePattern()))
                .stream().findFirst();
    }

    private List<StaffListing> listings(JdbcClient.StatementSpec statement) {
        List<AccountRow> accounts = statement.query((rs, n) -> {
            Timestamp locked = rs.getTimestamp("locked_until");
            return new AccountRow(rs.getLong("id"), locked == null ? null : locked.toInstant(),
                    rs.getString("name_zh"), rs.getString("name_en"), rs.getString("mobile_masked"), rs.getString("email_masked"));
        }).list();
        Map<Long, StaffMember> byId = members.byIds(accounts.stream().map(AccountRow::id).toList()).stream()
                .collect(Collectors.toMap(StaffMember::id, Function.identity()));
        Instant now = clock.instant();
        List<StaffListing> listings = new ArrayList<>();
        for (AccountRow account : accounts) {
            StaffMember member = byId.get(account.id());
            boolean locked = account.lockedUntil() != null && account.lockedUntil().isAfter(now);
            listings.add(new StaffListing(member.id(), member.username(), member.displayName(), member.orgUnitId(),
                    account.orgUnitNameZh(), account.orgUnitNameEn(), member.roles(), member.enabled(), locked,
                    locked ? account.lockedUntil() : null, account.mobileMasked(), account.emailMasked()));
        }
        return listings;
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private record AccountRow(long id, Instant lockedUntil, String orgUnitNameZh, String orgUnitNameEn, String mobileMasked,
            String emailMasked) {
    }
}

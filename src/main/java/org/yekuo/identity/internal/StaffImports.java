package org.yekuo.identity.internal;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.yekuo.audit.AuditTrail;
import org.yekuo.identity.CurrentUser;
import org.yekuo.identity.OrgUnit;
import org.yekuo.identity.OrgUnits;
import org.yekuo.identity.Role;
import org.yekuo.identity.internal.StaffImport.StaffImportConfirmation;
import org.yekuo.identity.internal.StaffImport.StaffImportAccount;
import org.yekuo.identity.internal.StaffImport.StaffImportRow;
import org.yekuo.identity.internal.StaffImport.StaffImportProblem;
import org.yekuo.identity.internal.StaffImportFile.Column;
import org.yekuo.identity.internal.StaffImportFile.Headers;
import org.yekuo.identity.internal.StaffImportSheets.Table;
import org.yekuo.identity.internal.StaffImportFile.Line;
import org.yekuo.shared.DomainException;
import org.yekuo.shared.Masking;
import org.yekuo.shared.PersonalDataCipher;

/**
 * Staff accounts from a spreadsheet, in two steps: the security administrator uploads the file and sees every row —
 * which will be created, which is refused and why, per column — and then confirms. The confirmation creates every
 * accepted row in one transaction, each with a one-time initial password shown once and to be replaced at the first
 * sign-in, and audits each account and the import; confirming again creates nothing.
 * <p>
 * Rows that ask for ADMIN, SECURITY_ADMIN or AUDITOR are refused, not filed for approval: such an account is created
 * one at a time on the staff page, where a second security administrator approves exactly that account (four eyes). A
 * batch would have the second person approve dozens of privileged accounts at once, or one privileged account hidden
 * among many ordinary ones; an MLPS assessor asks that each privileged account be looked at on its own.
 * <p>
 * Data scope: org units are looked up within the administrator's own unit and below (a unit outside it reads as one
 * that does not exist), and an import is seen and confirmed only by the administrator who uploaded it.
 */
@Service
@PreAuthorize("hasRole('SECURITY_ADMIN')")
public class StaffImports {

    /** An unconfirmed preview holds personal data; it is dropped after this long. */
    private static final Duration PREVIEW_KEPT = Duration.ofDays(1);
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final int EMAIL_MAX = 100;
    // What people put between roles and between a path's names, full-width forms too as Chinese input methods type them.
    private static final Pattern ROLE_SEPARATORS = Pattern.compile("[、,，;；|\\n]+");
    private static final Pattern PATH_SEPARATORS = Pattern.compile("\\s*[/／>＞\\\\]\\s*");
    private static final String UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private static final String LOWER = "abcdefghijkmnpqrstuvwxyz";
    private static final String DIGITS = "23456789";
    private static final String SYMBOLS = "@#%+=?";
    private static final int PASSWORD_LENGTH = 12;

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final PasswordEncoder encoder;
    private final AuditTrail audit;
    private final OrgUnits orgUnits;
    private final PersonalDataCipher cipher;
    private final Clock clock;
    private final MessageSource messages;
    private final Map<String, Column> acceptedHeaders;
    private final SecureRandom random = new SecureRandom();

    StaffImports(JdbcClient jdbc, TransactionTemplate tx, PasswordEncoder encoder, AuditTrail audit, OrgUnits orgUnits,
            PersonalDataCipher cipher, Clock clock, MessageSource messages) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.encoder = encoder;
        this.audit = audit;
        this.orgUnits = orgUnits;
        this.cipher = cipher;
        this.clock = clock;
        this.messages = messages;
        this.acceptedHeaders = acceptedHeaders(messages);
    }

    /**
     * Every name a file may head a column with, in every language of the product: the column's name as the template
     * writes it, and its other names ({@code staff-import.column.*.also}: what earlier templates wrote, what other
     * spreadsheets use), so that a template downloaded before a name changed still reads.
     */
    private static Map<String, Column> acceptedHeaders(MessageSource messages) {
        Map<String, Column> accepted = new HashMap<>();
        for (Locale language : List.of(Locale.SIMPLIFIED_CHINESE, Locale.ENGLISH)) {
            for (Column column : Column.values()) {
                List<String> names = new ArrayList<>(List.of(messages.getMessage(column.messageKey(), null, language)));
                names.addAll(List.of(messages.getMessage(column.messageKey() + ".also", null, language).split(",")));
                for (String name : names) {
                    Column named = accepted.putIfAbsent(Headers.normal(name), column);
                    if (named != null && named != column) {
                        throw new IllegalStateException("The header '" + name + "' names both " + named + " and " + column);
                    }
                }
            }
        }
        return Map.copyOf(accepted);
    }

    /** Reads the file and keeps its preview; a file that cannot be read at all is refused naming {@code file}. */
    public StaffImport preview(CurrentUser actor, String fileName, byte[] content) {
        Locale locale = LocaleContextHolder.getLocale();
        List<Line> lines = StaffImportFile.read(fileName, content, new Headers(acceptedHeaders,
                column -> text(column.messageKey(), locale), text("staff-import.list-separator", locale)));
        Lookup lookup = new Lookup(actor);
        String id = UUID.randomUUID().toString();
        Instant now = clock.instant();
        String name = fileName == null || fileName.isBlank() ? "-" : fileName.strip();
        tx.executeWithoutResult(status -> {
            dropStalePreviews(now);
            jdbc.sql("insert into staff_import (id, file_name, created_by, created_at, status) values (?, ?, ?, ?, ?)")
                    .params(id, name.length() > 255 ? name.substring(0, 255) : name, actor.username(), utc(now),
                            StaffImport.Status.PREVIEWED.name())
                    .update();
            Set<String> taken = taken(lines);
            Map<String, Integer> seen = new HashMap<>();
            int accepted = 0;
            for (Line line : lines) {
                if (keep(id, line, lookup, taken, seen)) {
                    accepted++;
                }
            }
            audit.record(IdentityAudit.STAFF_IMPORT_PREVIEWED, "staff-import", id, "rows=" + lines.size() + " accepted=" + accepted);
        });
        return find(actor, id);
    }

    /** The import as it stands; 404 for one that does not exist or another administrator's. */
    public StaffImport find(CurrentUser actor, String id) {
        Locale locale = LocaleContextHolder.getLocale();
        Header header = header(actor, id).orElseThrow(() -> DomainException.notFound("staff-import.not-found"));
        Map<Integer, List<StaffImportProblem>> problems = new HashMap<>();
        jdbc.sql("select line_no, column_name, message_key, argument from staff_import_problem where import_id = ? order by line_no")
                .param(id).query(rs -> {
                    Column column = Column.valueOf(rs.getString("column_name"));
                    problems.computeIfAbsent(rs.getInt("line_no"), n -> new ArrayList<>()).add(new StaffImportProblem(column.field(),
                            messages.getMessage(rs.getString("message_key"), new Object[] {rs.getString("argument")}, locale)));
                });
        List<StaffImportRow> rows = jdbc.sql("""
                        select r.*, o.name_zh, o.name_en from staff_import_row r left join org_unit o on o.id = r.org_unit_id
                         where r.import_id = ? order by r.line_no""")
                .param(id)
                .query((rs, n) -> {
                    Set<Role> roles = roles(rs.getString("role_codes"));
                    String unitName = rs.getString("name_zh") == null ? null
                            : "en".equals(locale.getLanguage()) ? rs.getString("name_en") : rs.getString("name_zh");
                    return new StaffImportRow(rs.getInt("line_no"), rs.getString("display_name"), rs.getString("username"),
                            rs.getString("org_unit_text"), rs.getObject("org_unit_id", Long.class), unitName,
                            rs.getString("roles_text"), roles,
                            roles.stream().map(role -> messages.getMessage(role.messageKey(), null, locale)).toList(),
                            rs.getString("mobile_masked"), rs.getString("email_masked"),
                            List.copyOf(problems.getOrDefault(rs.getInt("line_no"), List.of())),
                            rs.getObject("staff_id", Long.class));
                })
                .list();
        int creatable = (int) rows.stream().filter(StaffImportRow::accepted).count();
        return new StaffImport(id, header.fileName(), header.status(), header.createdAt(), header.confirmedAt(), creatable,
                rows.size() - creatable, rows);
    }

    /** The administrator's last ten imports, newest first, with their counts but not their rows. */
    public List<StaffImport> recent(CurrentUser actor) {
        return jdbc.sql("""
                        select i.id, i.file_name, i.status, i.created_at, i.confirmed_at,
                               (select count(*) from staff_import_row r where r.import_id = i.id) as total,
                               (select count(distinct p.line_no) from staff_import_problem p where p.import_id = i.id) as refused
                          from staff_import i where i.created_by = ? order by i.created_at desc fetch first 10 rows only""")
                .param(actor.username())
                .query((rs, n) -> new StaffImport(rs.getString("id"), rs.getString("file_name"),
                        StaffImport.Status.valueOf(rs.getString("status")), rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                        Optional.ofNullable(rs.getObject("confirmed_at", OffsetDateTime.class)).map(OffsetDateTime::toInstant).orElse(null),
                        rs.getInt("total") - rs.getInt("refused"), rs.getInt("refused"), List.of()))
                .list();
    }

    /**
     * Creates every accepted row in one transaction, or none. A row that has become wrong since the preview (its username
     * taken meanwhile, its unit closed) gets its problem and the whole confirmation is refused with 409, so that the
     * administrator sees the new preview before anything is created. Confirming a confirmed import creates nothing.
     */
    public StaffImportConfirmation confirm(CurrentUser actor, String id) {
        StaffImport current = find(actor, id);
        if (current.status() == StaffImport.Status.CONFIRMED) {
            return confirmed(current);
        }
        if (current.creatable() == 0) {
            throw DomainException.invalid("rows", "staff-import.nothing-to-create");
        }
        // Hashing is slow on purpose: done before the transaction, which then holds its locks only briefly.
        Map<Integer, String> passwords = new LinkedHashMap<>();
        Map<Integer, String> hashes = new HashMap<>();
        for (StaffImportRow row : current.rows()) {
            if (row.accepted()) {
                String password = initialPassword(row.username());
                passwords.put(row.line(), password);
                hashes.put(row.line(), encoder.encode(password));
            }
        }
        Instant now = clock.instant();
        Optional<List<StaffImportAccount>> created = tx.execute(status -> {
            String state = jdbc.sql("select status from staff_import where id = ? and created_by = ? for update")
                    .params(id, actor.username()).query(String.class).single();
            if (StaffImport.Status.CONFIRMED.name().equals(state)) {
                return Optional.of(List.<StaffImportAccount>of());
            }
            if (changedSincePreview(actor, id, current)) {
                return Optional.<List<StaffImportAccount>>empty();
            }
            List<StaffImportAccount> accounts = new ArrayList<>();
            for (StaffImportRow row : current.rows()) {
                if (row.accepted()) {
                    long staffId = create(id, row, hashes.get(row.line()), now);
                    accounts.add(new StaffImportAccount(row.line(), staffId, row.username(), row.displayName(),
                            passwords.get(row.line())));
                }
            }
            jdbc.sql("update staff_import set status = ?, confirmed_at = ? where id = ?")
                    .params(StaffImport.Status.CONFIRMED.name(), utc(now), id).update();
            audit.record(IdentityAudit.STAFF_IMPORT_CONFIRMED, "staff-import", id, "created=" + accounts.size() + " refused=" + current.refused());
            return Optional.of(accounts);
        });
        if (created.isEmpty()) {
            throw DomainException.conflict("staff-import.changed");
        }
        if (created.get().isEmpty()) {
            return confirmed(find(actor, id));
        }
        return new StaffImportConfirmation(id, false, now, created.get());
    }

    /** The template to fill in: the headers in the user's language, and a sheet that names the roles and the units one may use. */
    public byte[] templateXlsx(CurrentUser actor) {
        Locale locale = LocaleContextHolder.getLocale();
        List<String[]> roles = Arrays.stream(Role.values()).filter(role -> !SeparationOfDuties.EXCLUSIVE.contains(role))
                .map(role -> new String[] {messages.getMessage(role.messageKey(), null, Locale.SIMPLIFIED_CHINESE),
                        messages.getMessage(role.messageKey(), null, Locale.ENGLISH)})
                .toList();
        Lookup lookup = new Lookup(actor);
        List<String[]> units = lookup.units.stream().filter(unit -> !unit.closed())
                .map(unit -> new String[] {unit.code(), lookup.namePath(unit, false)}).toList();
        return StaffImportSheets.template(text("staff-import.template.sheet.staff", locale), headers(locale),
                text("staff-import.template.sheet.help", locale),
                messages.getMessage("staff-import.template.instructions", new Object[] {StaffImportFile.ROWS_LIMIT}, locale),
                List.of(new Table(new String[] {text("staff-import.template.role.zh", locale), text("staff-import.template.role.en", locale)},
                                roles),
                        new Table(new String[] {text("staff-import.template.unit.code", locale), text("staff-import.template.unit.name", locale)},
                                units)));
    }

    /** The headers alone, as comma-separated UTF-8 with a byte-order mark, which Excel opens as such. */
    public byte[] templateCsv() {
        return StaffImportSheets.csv(List.<String[]>of(headers(LocaleContextHolder.getLocale())));
    }

    /**
     * The preview as a spreadsheet the administrator corrects the refused rows in: every row with its problems. A value
     * that a spreadsheet would take for a formula is written as text.
     */
    public byte[] previewCsv(CurrentUser actor, String id) {
        Locale locale = LocaleContextHolder.getLocale();
        StaffImport preview = find(actor, id);
        List<String[]> table = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of(messages.getMessage("staff-import.export.line", null, locale)));
        header.addAll(List.of(headers(locale)));
        header.add(messages.getMessage("staff-import.export.outcome", null, locale));
        table.add(header.toArray(String[]::new));
        for (StaffImportRow row : preview.rows()) {
            String outcome = row.accepted()
                    ? messages.getMessage(row.staffId() != null ? "staff-import.row.created" : "staff-import.row.accepted", null, locale)
                    : row.problems().stream().map(StaffImportProblem::message).collect(Collectors.joining(text("staff-import.export.problem-separator", locale)));
            table.add(new String[] {Integer.toString(row.line()), row.displayName(), row.username(), row.orgUnit(), row.rolesText(),
                    row.mobileMasked(), row.emailMasked(), outcome});
        }
        return StaffImportSheets.csv(table);
    }

    private String[] headers(Locale locale) {
        return Arrays.stream(Column.values()).map(column -> text(column.messageKey(), locale)).toArray(String[]::new);
    }

    private String text(String key, Locale locale) {
        return messages.getMessage(key, null, locale);
    }

    /** Checks one line, keeps it with its problems and says whether it is accepted. */
    private boolean keep(String importId, Line line, Lookup lookup, Set<String> taken, Map<String, Integer> seen) {
        List<Problem> problems = new ArrayList<>();
        String name = line.get(Column.NAME);
        if (name.isEmpty() || name.length() > StaffAdministration.DISPLAY_NAME_MAX) {
            problems.add(new Problem(Column.NAME, "staff-import.name.length", Integer.toString(StaffAdministration.DISPLAY_NAME_MAX)));
        }
        String username = line.get(Column.USERNAME).toLowerCase(Locale.ROOT);
        if (UsernameRule.check(username).isPresent()) {
            problems.add(new Problem(Column.USERNAME, "staff-import.username.format", line.get(Column.USERNAME)));
        } else if (seen.containsKey(username)) {
            problems.add(new Problem(Column.USERNAME, "staff-import.username.twice", Integer.toString(seen.get(username))));
        } else if (taken.contains(username)) {
            problems.add(new Problem(Column.USERNAME, "staff-import.username.taken", username));
        }
        seen.putIfAbsent(username, line.number());
        String unitText = line.get(Column.ORG_UNIT);
        Optional<OrgUnit> unit = lookup.unit(unitText);
        if (unitText.isEmpty()) {
            problems.add(new Problem(Column.ORG_UNIT, "staff-import.org-unit.required", null));
        } else if (unit.isEmpty()) {
            problems.add(new Problem(Column.ORG_UNIT, "staff-import.org-unit.unknown", unitText));
        } else if (unit.get().closed()) {
            problems.add(new Problem(Column.ORG_UNIT, "staff-import.org-unit.closed", unitText));
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        String rolesText = line.get(Column.ROLES);
        for (String token : ROLE_SEPARATORS.split(rolesText)) {
            if (token.isBlank()) {
                continue;
            }
            Role role = lookup.role(token);
            if (role == null) {
                problems.add(new Problem(Column.ROLES, "staff-import.roles.unknown", token.strip()));
            } else if (SeparationOfDuties.EXCLUSIVE.contains(role)) {
                problems.add(new Problem(Column.ROLES, "staff-import.roles.privileged", token.strip()));
            } else {
                roles.add(role);
            }
        }
        if (rolesText.isBlank()) {
            problems.add(new Problem(Column.ROLES, "staff-import.roles.required", null));
        }
        String mobile = WorkMobileRule.normalised(line.get(Column.MOBILE));
        if (WorkMobileRule.check(mobile).isPresent()) {
            problems.add(new Problem(Column.MOBILE, "staff-import.mobile.invalid", null));
        }
        String email = line.get(Column.EMAIL);
        if (!email.isEmpty() && (email.length() > EMAIL_MAX || !EMAIL.matcher(email).matches())) {
            problems.add(new Problem(Column.EMAIL, "staff-import.email.invalid", null));
        }
        jdbc.sql("""
                        insert into staff_import_row (import_id, line_no, display_name, username, org_unit_text, org_unit_id,
                            roles_text, role_codes, mobile_sealed, mobile_masked, email_sealed, email_masked)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(importId, line.number(), name, username, unitText, unit.map(OrgUnit::id).orElse(null), rolesText,
                        codes(roles), mobile == null ? null : cipher.encrypt(mobile), mobile == null ? null : Masking.mobile(mobile),
                        email.isEmpty() ? null : cipher.encrypt(email), email.isEmpty() ? null : maskedEmail(email))
                .update();
        for (Problem problem : problems) {
            jdbc.sql("insert into staff_import_problem (import_id, line_no, column_name, message_key, argument) values (?, ?, ?, ?, ?)")
                    .params(importId, line.number(), problem.column().name(), problem.key(), clip(problem.argument())).update();
        }
        return problems.isEmpty();
    }

    /** Rows accepted at the preview that are wrong now: their problems are kept, and the answer is whether there were any. */
    private boolean changedSincePreview(CurrentUser actor, String id, StaffImport preview) {
        List<StaffImportRow> accepted = preview.rows().stream().filter(StaffImportRow::accepted).toList();
        Set<String> taken = Set.copyOf(jdbc.sql("select username from staff where username in (:names)")
                .param("names", accepted.stream().map(StaffImportRow::username).toList()).query(String.class).list());
        boolean changed = false;
        for (StaffImportRow row : accepted) {
            Optional<OrgUnit> unit = orgUnits.byId(row.orgUnitId()).filter(u -> actor.scope().includes(u.path()));
            Problem problem = taken.contains(row.username()) ? new Problem(Column.USERNAME, "staff-import.username.taken", row.username())
                    : unit.isEmpty() ? new Problem(Column.ORG_UNIT, "staff-import.org-unit.unknown", row.orgUnit())
                    : unit.get().closed() ? new Problem(Column.ORG_UNIT, "staff-import.org-unit.closed", row.orgUnit()) : null;
            if (problem != null) {
                jdbc.sql("insert into staff_import_problem (import_id, line_no, column_name, message_key, argument) values (?, ?, ?, ?, ?)")
                        .params(id, row.line(), problem.column().name(), problem.key(), clip(problem.argument())).update();
                changed = true;
            }
        }
        return changed;
    }

    private long create(String importId, StaffImportRow row, String passwordHash, Instant now) {
        Map<String, Object> sealed = jdbc.sql("select mobile_sealed, mobile_masked, email_sealed, email_masked from staff_import_row "
                + "where import_id = ? and line_no = ?").params(importId, row.line()).query().singleRow();
        jdbc.sql("""
                insert into staff (username, display_name, password_hash, org_unit_id, created_at, mobile_sealed, mobile_masked,
                    email_sealed, email_masked, password_changed_at, password_must_change)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, true)""")
                .params(row.username(), row.displayName(), passwordHash, row.orgUnitId(), Timestamp.from(now),
                        sealed.get("mobile_sealed"), sealed.get("mobile_masked"), sealed.get("email_sealed"), sealed.get("email_masked"),
                        Timestamp.from(now))
                .update();
        long staffId = jdbc.sql("select id from staff where username = ?").param(row.username()).query(Long.class).single();
        for (Role role : row.roles()) {
            jdbc.sql("insert into staff_role (staff_id, role_code) values (?, ?)").params(staffId, role.name()).update();
        }
        jdbc.sql("update staff_import_row set staff_id = ? where import_id = ? and line_no = ?").params(staffId, importId, row.line())
                .update();
        String unitCode = orgUnits.byId(row.orgUnitId()).map(OrgUnit::code).orElseThrow();
        audit.record(IdentityAudit.STAFF_CREATED, "staff", row.username(), "roles=" + codes(row.roles()) + " org=" + unitCode + " import=" + importId);
        return staffId;
    }

    private StaffImportConfirmation confirmed(StaffImport done) {
        return new StaffImportConfirmation(done.id(), true, done.confirmedAt(), done.rows().stream().filter(row -> row.staffId() != null)
                .map(row -> new StaffImportAccount(row.line(), row.staffId(), row.username(), row.displayName(), null)).toList());
    }

    /** Twelve characters of all four kinds, without those easily misread (0/O, 1/l/I): read out or typed from paper. */
    private String initialPassword(String username) {
        while (true) {
            String all = UPPER + LOWER + DIGITS + SYMBOLS;
            char[] password = new char[PASSWORD_LENGTH];
            password[0] = UPPER.charAt(random.nextInt(UPPER.length()));
            password[1] = LOWER.charAt(random.nextInt(LOWER.length()));
            password[2] = DIGITS.charAt(random.nextInt(DIGITS.length()));
            password[3] = SYMBOLS.charAt(random.nextInt(SYMBOLS.length()));
            for (int i = 4; i < password.length; i++) {
                password[i] = all.charAt(random.nextInt(all.length()));
            }
            for (int i = password.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                char swap = password[i];
                password[i] = password[j];
                password[j] = swap;
            }
            String candidate = new String(password);
            if (PasswordPolicy.check(username, candidate).isEmpty()) {
                return candidate;
            }
        }
    }

    private Set<String> taken(List<Line> lines) {
        List<String> names = lines.stream().map(line -> line.get(Column.USERNAME).toLowerCase(Locale.ROOT))
                .filter(name -> !name.isEmpty()).distinct().toList();
        if (names.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(jdbc.sql("select username from staff where username in (:names)").param("names", names)
                .query(String.class).list());
    }

    private void dropStalePreviews(Instant now) {
        String stale = "select id from staff_import where status = 'PREVIEWED' and created_at < ?";
        OffsetDateTime before = utc(now.minus(PREVIEW_KEPT));
        jdbc.sql("delete from staff_import_problem where import_id in (" + stale + ")").param(before).update();
        jdbc.sql("delete from staff_import_row where import_id in (" + stale + ")").param(before).update();
        jdbc.sql("delete from staff_import where status = 'PREVIEWED' and created_at < ?").param(before).update();
    }

    private Optional<Header> header(CurrentUser actor, String id) {
        if (id == null || !id.matches("[0-9a-f-]{36}")) {
            return Optional.empty();
        }
        return jdbc.sql("select file_name, status, created_at, confirmed_at from staff_import where id = ? and created_by = ?")
                .params(id, actor.username())
                .query((rs, n) -> new Header(rs.getString("file_name"), StaffImport.Status.valueOf(rs.getString("status")),
                        rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                        Optional.ofNullable(rs.getObject("confirmed_at", OffsetDateTime.class)).map(OffsetDateTime::toInstant)
                                .orElse(null)))
                .optional();
    }

    private static Set<Role> roles(String codes) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        if (codes != null && !codes.isEmpty()) {
            Arrays.stream(codes.split(";")).map(Role::valueOf).forEach(roles::add);
        }
        return roles;
    }

    private static String codes(Set<Role> roles) {
        return roles.stream().sorted().map(Role::name).collect(Collectors.joining(";"));
    }

    private static String maskedEmail(String email) {
        int at = email.indexOf('@');
        return email.charAt(0) + "***" + (at > 0 ? email.substring(at) : "");
    }

    private static String clip(String value) {
        return value == null || value.length() <= 100 ? value : value.substring(0, 100) + "…";
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private record Header(String fileName, StaffImport.Status status, Instant createdAt, Instant confirmedAt) {
    }

    private record Problem(Column column, String key, String argument) {
    }

    /** The units and roles a file may name, as the administrator may grant them. */
    private final class Lookup {

        private final List<OrgUnit> units;
        private final Map<Long, OrgUnit> byId = new HashMap<>();
        private final Map<String, Role> roleNames = new HashMap<>();

        Lookup(CurrentUser actor) {
            units = orgUnits.within(actor.scope());
            units.forEach(unit -> byId.put(unit.id(), unit));
            // The units above the administrator's own, for the names at the start of a full path.
            units.stream().findFirst().ifPresent(top -> top.lineage().forEach(id -> byId.computeIfAbsent(id,
                    missing -> orgUnits.byId(missing).orElse(null))));
            for (Role role : Role.values()) {
                roleNames.put(normal(role.name()), role);
                roleNames.put(normal(messages.getMessage(role.messageKey(), null, Locale.SIMPLIFIED_CHINESE)), role);
                roleNames.put(normal(messages.getMessage(role.messageKey(), null, Locale.ENGLISH)), role);
            }
        }

        Role role(String text) {
            return roleNames.get(normal(text));
        }

        /**
         * A unit by its code, or by its names from the company down as the org-unit page shows them ("company/station"),
         * or by the last part of that path alone where only one unit in scope ends so.
         */
        Optional<OrgUnit> unit(String text) {
            if (text.isEmpty()) {
                return Optional.empty();
            }
            String wanted = normal(text);
            Optional<OrgUnit> byCode = units.stream().filter(unit -> unit.code().equalsIgnoreCase(text.strip())).findFirst();
            if (byCode.isPresent()) {
                return byCode;
            }
            List<String> parts = List.of(PATH_SEPARATORS.split(wanted));
            List<OrgUnit> matches = units.stream().filter(unit -> endsWith(unit, parts, false) || endsWith(unit, parts, true)).toList();
            return matches.size() == 1 ? Optional.of(matches.get(0)) : Optional.empty();
        }

        String namePath(OrgUnit unit, boolean english) {
            return unit.lineage().stream().map(byId::get).filter(java.util.Objects::nonNull)
                    .map(u -> english ? u.nameEn() : u.nameZh()).collect(Collectors.joining("/"));
        }

        private boolean endsWith(OrgUnit unit, List<String> parts, boolean english) {
            List<String> names = List.of(normal(namePath(unit, english)).split("/"));
            return names.size() >= parts.size() && names.subList(names.size() - parts.size(), names.size()).equals(parts);
        }

        private static String normal(String text) {
            return text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        }
    }
}

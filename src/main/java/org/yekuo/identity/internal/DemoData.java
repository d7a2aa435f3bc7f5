package org.yekuo.identity.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.yekuo.audit.AuditTrail;
import org.yekuo.shared.Masking;
import org.yekuo.shared.PersonalDataCipher;

/**
 * Seeds the demo organisation and one member of staff per role into an empty database and prints
 * the accounts. Refuses to run under the {@code prod} profile: production has no default passwords.
 */
@Component
@Order(0)
@ConditionalOnProperty(name = "yekuo.demo.enabled", havingValue = "true")
class DemoData implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    private final JdbcClient jdbc;
    private final PasswordEncoder encoder;
    private final TransactionTemplate tx;
    private final AuditTrail audit;
    private final Clock clock;
    private final Environment environment;
    private final DemoProperties properties;
    private final PersonalDataCipher cipher;

    DemoData(JdbcClient jdbc, PasswordEncoder encoder, TransactionTemplate tx, AuditTrail audit, Clock clock,
            Environment environment, DemoProperties properties, PersonalDataCipher cipher) {
        this.cipher = cipher;
        this.jdbc = jdbc;
        this.encoder = encoder;
        this.tx = tx;
        this.audit = audit;
        this.clock = clock;
        this.environment = environment;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (environment.acceptsProfiles(Profiles.of("prod"))) {
            throw new IllegalStateException("yekuo.demo.enabled must be false under the prod profile");
        }
        List<String[]> staff = read("demo/staff.csv");
        boolean seeded = Boolean.TRUE.equals(tx.execute(status -> seed(staff)));
        // The demo's accounts sign in with the printed password alone and are shared by everyone trying the demo; accounts
        // created later prove a second factor where their roles need one and hold a limited number of sessions
        // (SecondFactorPolicy and SessionLimit, which ignore this under prod).
        tx.executeWithoutResult(status -> staff.forEach(row -> jdbc.sql(
                "update staff set second_factor_waived = true, session_limit_waived = true where username = ?")
                .param(row[0]).update()));
        StringBuilder banner = new StringBuilder("\n\n  Yekuo demo accounts (password for all: ")
                .append(properties.password()).append(")\n");
        for (String[] row : staff) {
            banner.append(String.format("    %-12s %s%n", row[0], row[3]));
        }
        banner.append(seeded ? "  (created now)\n" : "  (already present)\n");
        banner.append("  Demo accounts sign in without a second factor; accounts created later with ADMIN, SECURITY_ADMIN,\n"
                + "  AUDITOR or LEADER set up an authenticator app at their first sign-in.\n");
        log.info("{}  Sign in at http://localhost:{}/login\n", banner, environment.getProperty("local.server.port", "8080"));
    }

    private boolean seed(List<String[]> staff) {
        if (jdbc.sql("select count(*) from staff").query(Long.class).single() > 0) {
            return false;
        }
        Map<String, Long> ids = new HashMap<>();
        Map<String, String> paths = new HashMap<>();
        for (String[] row : read("demo/org-units.csv")) {
            String parent = row[1];
            Long parentId = parent.isEmpty() ? null : ids.get(parent);
            jdbc.sql("insert into org_unit (code, name_zh, name_en, kind, parent_id, path) values (?, ?, ?, ?, ?, '/')")
                    .params(row[0], row[3], row[4], row[2], parentId).update();
            long id = jdbc.sql("select id from org_unit where code = ?").param(row[0]).query(Long.class).single();
            String path = (parentId == null ? "/" : paths.get(parent)) + id + "/";
            jdbc.sql("update org_unit set path = ? where id = ?").params(path, id).update();
            ids.put(row[0], id);
            paths.put(row[0], path);
            audit.record(IdentityAudit.ORG_UNIT_CREATED, "org-unit", row[0], "name=" + row[3]);
        }
        String hash = encoder.encode(properties.password());
        for (String[] row : staff) {
            jdbc.sql("""
                    insert into staff (username, display_name, password_hash, org_unit_id, created_at, mobile_sealed, mobile_masked)
                    values (?, ?, ?, ?, ?, ?, ?)""")
                    .params(row[0], row[1], hash, ids.get(row[2]), Timestamp.from(clock.instant()), cipher.encrypt(row[4]),
                            Masking.mobile(row[4])).update();
            long staffId = jdbc.sql("select id from staff where username = ?").param(row[0]).query(Long.class).single();
            for (String role : row[3].split(";")) {
                jdbc.sql("insert into staff_role (staff_id, role_code) values (?, ?)").params(staffId, role).update();
            }
            audit.record(IdentityAudit.STAFF_CREATED, "staff", row[0], "roles=" + row[3] + " org=" + row[2]);
        }
        return true;
    }

    private static List<String[]> read(String resource) {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(new ClassPathResource(resource).getInputStream(), StandardCharsets.UTF_8))) {
            List<String[]> rows = new ArrayList<>();
            reader.readLine();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    rows.add(line.split(",", -1));
                }
            }
            return rows;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + resource, e);
        }
    }

    @ConfigurationProperties("yekuo.demo")
    record DemoProperties(boolean enabled, String password) {
    }
}

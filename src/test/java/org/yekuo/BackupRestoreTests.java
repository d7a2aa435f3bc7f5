package org.yekuo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.yekuo.audit.AuditTrail;
import org.yekuo.audit.ChainCheck;
import org.yekuo.audit.ChainVerification;
import org.yekuo.shared.PersonalDataCipher;
import org.yekuo.support.PgTools;
import org.yekuo.support.Subjects;

import com.jayway.jsonpath.JsonPath;

/**
 * The backup and restore procedure of docs/operations/backup-restore.md, performed as an operator would: pg_dump of the
 * live database, pg_restore into a fresh one, then the checks the document lists.
 */
@SpringBootTest
@AutoConfigureMockMvc
class BackupRestoreTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AuditTrail audit;

    @Autowired
    PersonalDataCipher cipher;

    @Test
    @DisplayName("R-X-2 R-X-3 a pg_dump restored into a fresh database has an intact audit chain and its orders read back with the same key")
    void aBackupRestoresIntoAFreshDatabase() throws Exception {
        String phone = Subjects.phone();
        String created = mvc.perform(post("/api/applications").with(httpBasic("clerk", "Yekuo@2026"))
                        .header("Idempotency-Key", UUID.randomUUID().toString()).contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"typeCode":"LV_RES_NEW","applicantKind":"PERSON","applicantName":"备份测试","subjectCode":"%s",
                                 "phone":"%s","supplyAddress":"示范市城东区人民路 200 号","capacity":8,"capacityUnit":"KW","agent":false}"""
                                .formatted(Subjects.idNumber(), phone)))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        long id = ((Number) JsonPath.read(created, "$.id")).longValue();
        Map<String, Object> before = jdbc.sql("select order_no, status, org_path from application where id = ?").param(id)
                .query().singleRow();
        long recordsBefore = audit.verify().recordsChecked();

        PgTools server = PgTools.testServer();
        Path dump = Files.createTempFile("yekuo-backup-", ".dump");
        String restored = server.createDatabase("restored");
        try {
            server.run("pg_dump", "--format=custom", "--file=" + dump, "--dbname=" + PgTools.testDatabase());
            assertThat(Files.size(dump)).isPositive();
            server.run("pg_restore", "--no-owner", "--exit-on-error", "--single-transaction", "--dbname=" + restored, dump.toString());

            PGSimpleDataSource copy = server.dataSource(restored);
            ChainVerification chain = ChainCheck.of(copy);
            assertThat(chain.intact()).as("audit chain of the restored database: %s", chain).isTrue();
            assertThat(chain.recordsChecked()).isGreaterThanOrEqualTo(recordsBefore);
            JdbcClient restoredJdbc = JdbcClient.create(copy);
            Map<String, Object> after = restoredJdbc.sql("select order_no, status, org_path from application where id = ?").param(id)
                    .query().singleRow();
            assertThat(after).isEqualTo(before);
            String sealed = restoredJdbc.sql("select phone_sealed from application where id = ?").param(id).query(String.class).single();
            assertThat(cipher.decrypt(sealed)).isEqualTo(phone);
        } finally {
            Files.deleteIfExists(dump);
            try (Connection connection = DriverManager.getConnection(server.url(PgTools.testDatabase()), server.user(), server.password());
                    Statement statement = connection.createStatement()) {
                statement.execute("drop database if exists " + restored);
            }
        }
    }
}

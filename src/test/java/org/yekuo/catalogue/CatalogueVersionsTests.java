package org.yekuo.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Timestamp;
import java.time.Instant;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.yekuo.shared.DomainException;

/** A catalogue version, once written, reads the same for ever; one that was never committed is never read. */
@SpringBootTest
@AutoConfigureMockMvc
class CatalogueVersionsTests {

    @Autowired
    Catalogue catalogue;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Test
    @DisplayName("R-CAT-1 an order's catalogue version reads the same every time")
    void versionReadsTheSame() {
        BusinessTypeDefinition first = catalogue.version("LV_RES_NEW", 1);
        assertThat(catalogue.version("LV_RES_NEW", 1)).isEqualTo(first);
        assertThat(catalogue.current("LV_RES_NEW").code()).isEqualTo("LV_RES_NEW");
    }

    @Test
    @DisplayName("R-CAT-1 a version read inside an edit that rolls back is gone afterwards")
    void rolledBackVersionIsNotKept() {
        String code = "ZZ_" + Long.toString(System.nanoTime(), 36).toUpperCase();
        transactions.executeWithoutResult(status -> {
            jdbc.sql("insert into catalogue_type (code, name_zh, name_en, position, current_version) values (?, ?, ?, ?, 1)")
                    .params(code, code, code, 999).update();
            jdbc.sql("insert into catalogue_type_version (type_code, version_no, family, changed_by, changed_at, change_kind,"
                    + " change_detail) values (?, 1, 'LV', 'test', ?, 'SEEDED', 'rolled back')")
                    .params(code, Timestamp.from(Instant.now())).update();
            assertThat(catalogue.version(code, 1).family()).isEqualTo(ProcessFamily.LV);
            status.setRollbackOnly();
        });
        assertThatThrownBy(() -> catalogue.version(code, 1)).isInstanceOf(DomainException.class);
    }
}

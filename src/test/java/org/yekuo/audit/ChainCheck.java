package org.yekuo.audit;

import java.time.Clock;

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Walks the audit chain of any database, e.g. one restored from a backup, with the product's own verifier. */
public final class ChainCheck {

    private ChainCheck() {
    }

    public static ChainVerification of(DataSource dataSource) {
        return new AuditTrail(JdbcClient.create(dataSource), Clock.systemUTC()).verify();
    }
}

package org.yekuo.deadline.report;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The demo's departments own the review, design-review and supply-works nodes, as a utility's would: the
 * migrations seed those rules unit-independent (the order's station), since a production database has
 * none of the demo's units. Only rules nobody has changed yet are touched, so a restart keeps an
 * administrator's edits.
 */
@Component
@Order(11)
@ConditionalOnProperty(name = "yekuo.demo.enabled", havingValue = "true")
class ScoreRuleDemoOwners implements ApplicationRunner {

    /** node, role ('*' for any), the demo department's code. */
    private static final String[][] OWNERS = {
            {"SCHEME_REVIEW", "REVIEWER_OPERATIONS", "YK-OPS"},
            {"SCHEME_REVIEW", "REVIEWER_MARKETING", "YK-MKT"},
            {"SCHEME_REVIEW", "REVIEWER_DISPATCH", "YK-DSP"},
            {"SCHEME_REVIEW", "*", "YK-OPS"},
            {"DESIGN_REVIEW", "*", "YK-OPS"},
            {"SUPPLY_WORKS", "*", "YK-MAT"}};

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;

    ScoreRuleDemoOwners(JdbcClient jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    @Override
    public void run(ApplicationArguments args) {
        tx.executeWithoutResult(status -> {
            for (String[] owner : OWNERS) {
                jdbc.sql("""
                        update score_rule set owner_kind = 'UNIT', org_unit_code = ?
                        where node_code = ? and role_code = ? and owner_kind = 'STATION' and revision = 1 and changed_by = 'system'
                          and exists (select 1 from org_unit where code = ?)""")
                        .params(owner[2], owner[0], owner[1], owner[2]).update();
            }
        });
    }
}

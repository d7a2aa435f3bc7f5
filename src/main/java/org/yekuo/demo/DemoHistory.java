package org.yekuo.demo;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.yekuo.audit.AuditTrail;
import org.yekuo.insight.InsightRecomputation;

/**
 * Seeds the demo's order history after the demo's staff, manual and stock: the finished year, then the open orders,
 * then the insight aggregates and forecasts recomputed so that the pages show them at once. Runs only with
 * {@code yekuo.demo.enabled} and {@code yekuo.demo.history}, never under the {@code prod} profile, and only into a
 * database without orders, so a restart (or a database that already has real orders) seeds nothing.
 */
@Component
@Order(20)
@ConditionalOnProperty(prefix = "yekuo.demo", name = { "enabled", "history" }, havingValue = "true")
class DemoHistory implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoHistory.class);
    /** Finished orders of the year. */
    static final int FINISHED = 360;

    private final FinishedHistory finished;
    private final OpenOrders open;
    private final InsightRecomputation insight;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final AuditTrail audit;
    private final Environment environment;

    DemoHistory(FinishedHistory finished, OpenOrders open, InsightRecomputation insight, JdbcClient jdbc, TransactionTemplate tx,
            AuditTrail audit, Environment environment) {
        this.finished = finished;
        this.open = open;
        this.insight = insight;
        this.jdbc = jdbc;
        this.tx = tx;
        this.audit = audit;
        this.environment = environment;
    }

    @Override
    public void run(ApplicationArguments args) {
        seed();
    }

    /** Seeds the history unless there is an order already; answers whether it did. */
    boolean seed() {
        if (environment.acceptsProfiles(Profiles.of("prod"))) {
            throw new IllegalStateException("yekuo.demo.history must be false under the prod profile");
        }
        if (jdbc.sql("select count(*) from application").query(Long.class).single() > 0) {
            log.info("Demo history: orders present, nothing seeded");
            return false;
        }
        long start = System.nanoTime();
        int late = finished.write(FINISHED);
        long afterFinished = System.nanoTime();
        OpenOrders.Result opened = open.open();
        long afterOpen = System.nanoTime();
        int assessed = insight.recomputeAll();
        tx.executeWithoutResult(status -> audit.record(DemoAudit.HISTORY_SEEDED, "demo", "history",
                "finished=" + FINISHED + " open=" + opened.orders()));
        log.info("Demo history: {} finished orders ({} late nodes) in {} ms, {} open orders in {} ms, {} open nodes forecast in {} ms",
                FINISHED, late, (afterFinished - start) / 1_000_000, opened.orders(), (afterOpen - afterFinished) / 1_000_000,
                assessed, (System.nanoTime() - afterOpen) / 1_000_000);
        return true;
    }
}

package org.yekuo.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.transaction.support.TransactionTemplate;
import org.yekuo.support.ModuleTest;

/**
 * The audit module started on its own, with only what it declares it needs ({@code shared}): the chain is
 * appended and verified without any business module in the context.
 */
@ModuleTest
class AuditModuleTests {

    @Autowired
    AuditTrail trail;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    ApplicationContext context;

    @Test
    @DisplayName("the audit module starts without any business module")
    void startsAlone() {
        assertThat(Arrays.stream(context.getBeanDefinitionNames()).map(context::getType))
                // The tests' own support beans (org.yekuo.support) are in every test context.
                .filteredOn(type -> type != null && type.getPackageName().startsWith("org.yekuo.")
                        && !type.getPackageName().startsWith("org.yekuo.support"))
                .extracting(Class::getPackageName)
                .allMatch(name -> name.startsWith("org.yekuo.audit") || name.startsWith("org.yekuo.shared"),
                        "a package of audit or shared")
                .anyMatch(name -> name.startsWith("org.yekuo.audit"));
    }

    @Test
    @DisplayName("R-X-2 a change's record joins the chain when its transaction commits, and the chain stays intact")
    void committedRecordJoinsTheChain() {
        String subject = "module-" + System.nanoTime();
        tx.executeWithoutResult(status -> trail.record(() -> "staff.created", "staff", subject, "role=CLERK"));

        assertThat(trail.forSubject("staff", subject)).singleElement()
                .satisfies(entry -> assertThat(entry.action()).isEqualTo("staff.created"))
                .satisfies(entry -> assertThat(entry.actor()).isEqualTo(AuditTrail.SYSTEM_ACTOR));
        assertThat(trail.verify().intact()).isTrue();
    }

    @Test
    @DisplayName("R-X-2 a change that rolls back leaves no record")
    void rolledBackChangeLeavesNoRecord() {
        String subject = "module-" + System.nanoTime();
        assertThatThrownBy(() -> tx.executeWithoutResult(status -> {
            trail.record(() -> "staff.created", "staff", subject, "");
            throw new IllegalStateException("refused after the record");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(trail.forSubject("staff", subject)).isEmpty();
    }

    @Test
    @DisplayName("R-X-2 a record outside a transaction is refused rather than written unbound to any change")
    void recordNeedsATransaction() {
        assertThatThrownBy(() -> trail.record(() -> "staff.created", "staff", "module-none", ""))
                .isInstanceOf(org.springframework.transaction.IllegalTransactionStateException.class);
    }
}

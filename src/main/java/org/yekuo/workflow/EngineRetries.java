package org.yekuo.workflow;

import java.util.function.Supplier;

import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs work that completes tasks of a shared process in its own transaction, and runs it again when a
 * parallel completion of the same process won the engine's optimistic lock: the loser's transaction
 * is rolled back whole (opinion, audit and engine state alike) and repeated, so no opinion is lost.
 */
@Component
public class EngineRetries {

    static final int ATTEMPTS = 5;

    private final TransactionTemplate newTransaction;

    EngineRetries(PlatformTransactionManager transactions) {
        this.newTransaction = new TransactionTemplate(transactions);
        this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    public <T> T inNewTransaction(Supplier<T> work) {
        for (int attempt = 1;; attempt++) {
            try {
                return newTransaction.execute(status -> work.get());
            } catch (ConcurrentCompletion e) {
                if (attempt >= ATTEMPTS) {
                    throw e;
                }
            }
        }
    }
}

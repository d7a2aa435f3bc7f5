package org.yekuo.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;

import org.flowable.engine.ManagementService;
import org.flowable.job.api.Job;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Makes a process's timer due now and waits until the engine's own async executor has run it. The test never executes
 * the job itself: a job run by the test thread while an executor also takes it ends in an optimistic-lock failure
 * whose failure listener can wait on the row the failing transaction still holds.
 */
public final class EngineTimers {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final ManagementService management;

    private final JdbcClient jdbc;

    public EngineTimers(ManagementService management, JdbcClient jdbc) {
        this.management = management;
        this.jdbc = jdbc;
    }

    /** Fires the process's earliest timer. */
    public void fireNext(String process) throws InterruptedException {
        fire(process, job -> true);
    }

    /** Fires the process's timer due at {@code due} (millisecond precision, as the engine stores it). */
    public void fireDueAt(String process, Instant due) throws InterruptedException {
        Instant millis = due.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        fire(process, job -> job.getDuedate().toInstant().equals(millis));
    }

    /** Makes the timer due without waiting, so that whoever acquires it first runs it. */
    public Job bringDue(String process, Predicate<Job> which) {
        Job timer = management.createTimerJobQuery().processInstanceId(process).orderByJobDuedate().asc().list().stream()
                .filter(which).findFirst().orElseThrow(() -> new AssertionError("no such timer on process " + process));
        jdbc.sql("update act_ru_timer_job set duedate_ = ? where id_ = ?")
                .params(Timestamp.from(Instant.now().minusSeconds(1)), timer.getId()).update();
        return timer;
    }

    /** Waits until the timer has left the timer table and no job of the process is left to run. */
    public void awaitRun(String process, Job timer) throws InterruptedException {
        Instant until = Instant.now().plus(PATIENCE);
        while (Instant.now().isBefore(until)) {
            boolean pending = management.createTimerJobQuery().jobId(timer.getId()).count() > 0
                    || management.createJobQuery().processInstanceId(process).count() > 0;
            if (!pending) {
                return;
            }
            Thread.sleep(100);
        }
        assertThat(management.createDeadLetterJobQuery().processInstanceId(process).list()).as("dead-letter jobs").isEmpty();
        throw new AssertionError("the engine did not run timer " + timer.getId() + " within " + PATIENCE);
    }

    private void fire(String process, Predicate<Job> which) throws InterruptedException {
        awaitRun(process, bringDue(process, which));
    }
}

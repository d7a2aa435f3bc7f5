package org.yekuo.support;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.Predicate;

import org.flowable.engine.ManagementService;
import org.flowable.engine.impl.util.CommandContextUtil;
import org.flowable.job.api.Job;
import org.flowable.job.service.JobServiceConfiguration;
import org.flowable.job.service.impl.persistence.entity.JobEntity;
import org.flowable.job.service.impl.persistence.entity.TimerJobEntity;

/**
 * Fires a process's timer now, as the async executor would, in one engine transaction: the timer becomes an
 * executable job and runs inside the same transaction, so no executor of this or another application node can
 * take the job meanwhile. (Making it executable first and running it in a second call raced the executors: the
 * loser's failure listener could wait on a row its own transaction still held.) A failure rolls everything back
 * and reaches the test.
 */
public final class EngineTimers {

    private final ManagementService management;

    public EngineTimers(ManagementService management) {
        this.management = management;
    }

    /** Fires the process's earliest timer. */
    public void fireNext(String process) {
        fire(process, job -> true);
    }

    /** Fires the process's timer due at {@code due} (millisecond precision, as the engine stores it). */
    public void fireDueAt(String process, Instant due) {
        Instant millis = due.truncatedTo(ChronoUnit.MILLIS);
        fire(process, job -> job.getDuedate().toInstant().equals(millis));
    }

    /** Fires the earliest of the process's timers that {@code which} selects. */
    public void fire(String process, Predicate<Job> which) {
        Job timer = management.createTimerJobQuery().processInstanceId(process).orderByJobDuedate().asc().list().stream()
                .filter(which).findFirst().orElseThrow(() -> new AssertionError("no such timer on process " + process));
        management.executeCommand(context -> {
            JobServiceConfiguration jobs = CommandContextUtil.getProcessEngineConfiguration(context).getJobServiceConfiguration();
            TimerJobEntity entity = jobs.getTimerJobEntityManager().findById(timer.getId());
            if (entity == null) {
                throw new AssertionError("timer " + timer.getId() + " has already run");
            }
            JobEntity job = jobs.getJobManager().moveTimerJobToExecutableJob(entity);
            jobs.getJobManager().execute(job);
            return null;
        });
    }
}

package org.yekuo.workflow;

import java.util.Date;
import java.util.Map;

import org.flowable.engine.RuntimeService;
import org.flowable.engine.runtime.Execution;
import org.flowable.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Runs {@link StepClock}s as instances of the {@code stepClock} process: a receive task with three
 * non-interrupting timer boundary events, each ringing {@link StepClockRang}. Stopping the clock
 * triggers the receive task, which ends the instance and cancels the timers that have not rung.
 */
@Service
public class StepClocks {

    static final String PROCESS = "stepClock";
    static final String WAITING = "awaitStep";

    private final RuntimeService runtime;

    StepClocks(RuntimeService runtime) {
        this.runtime = runtime;
    }

    /** Starts the clock in the caller's transaction: the step and its timers commit together. */
    @Transactional
    public void start(StepClock clock) {
        runtime.startProcessInstanceByKey(PROCESS, clock.businessKey(), Map.of(
                "stepKind", clock.kind(), "stepSubject", clock.subjectId(),
                "remindAt", Date.from(clock.remindAt()), "dueAt", Date.from(clock.dueAt()),
                "escalateAt", Date.from(clock.escalateAt())));
    }

    /** The step is done: its remaining timers never ring. Stopping a clock that is not running is harmless. */
    @Transactional
    public void stop(String kind, long subjectId) {
        // The business key sits on the instance; the receive task waits in a child execution (it carries boundary events).
        for (ProcessInstance instance : runtime.createProcessInstanceQuery().processDefinitionKey(PROCESS)
                .processInstanceBusinessKey(StepClock.key(kind, subjectId)).list()) {
            for (Execution waiting : runtime.createExecutionQuery().processInstanceId(instance.getId()).activityId(WAITING).list()) {
                runtime.trigger(waiting.getId());
            }
        }
    }

    public boolean isRunning(String kind, long subjectId) {
        return runtime.createProcessInstanceQuery().processDefinitionKey(PROCESS)
                .processInstanceBusinessKey(StepClock.key(kind, subjectId)).count() > 0;
    }
}

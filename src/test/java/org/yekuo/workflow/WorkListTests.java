package org.yekuo.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.flowable.engine.RepositoryService;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.TaskService;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.yekuo.identity.CurrentUser;
import org.yekuo.identity.Role;

/** The work list behind "my tasks" stays in step with the engine's open tasks whatever moves them. */
@SpringBootTest
class WorkListTests {

    private static final AtomicLong ORDER_IDS = new AtomicLong(System.currentTimeMillis() * 10 + 5_000_000);
    private static final List<String> LV_RESIDENTIAL = List.of("ACCEPTANCE", "SITE_SURVEY", "SCHEME_DESIGN", "SCHEME_REPLY",
            "CONTRACT", "METER_INSTALLATION", "POWER_ON");

    @Autowired
    OrderProcesses processes;

    @Autowired
    OpenNodes nodes;

    @Autowired
    TaskService tasks;

    @Autowired
    RepositoryService repository;

    @Autowired
    RuntimeService runtime;

    @Autowired
    WorkList workList;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Test
    @DisplayName("R-COL-5 my tasks lists waiting nodes of my roles in my scope, then what I signed for, until it is completed")
    void followsSignForDueDateDelegationAndCompletion() {
        String station = "/1/6/" + ORDER_IDS.get() + "/";
        long orderId = startedAt(station);
        CurrentUser clerk = staff("wl-clerk-" + orderId, station, Role.CLERK);
        CurrentUser elsewhere = staff("wl-west-" + orderId, "/1/9/" + orderId + "/", Role.CLERK);
        CurrentUser surveyor = staff("wl-surveyor-" + orderId, station, Role.SURVEYOR);

        WorkItem acceptance = only(workList.openFor(clerk, 50), orderId);
        assertThat(acceptance.nodeCode()).isEqualTo("ACCEPTANCE");
        assertThat(acceptance.roles()).containsExactly("CLERK");
        assertThat(acceptance.receivedAt()).isNotNull();
        assertThat(workList.openFor(elsewhere, 50)).noneMatch(i -> i.orderId().value() == orderId);
        assertThat(workList.openFor(surveyor, 50)).noneMatch(i -> i.orderId().value() == orderId);

        nodes.signFor(acceptance.taskId(), clerk);
        WorkItem signed = only(workList.openFor(clerk, 50), orderId);
        assertThat(signed.assignee()).isEqualTo(clerk.username());
        assertThat(signed.signedForAt()).isNotNull();
        CurrentUser otherClerk = staff("wl-clerk2-" + orderId, station, Role.CLERK);
        assertThat(workList.openFor(otherClerk, 50)).noneMatch(i -> i.orderId().value() == orderId);

        Instant due = Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        processes.changeDueDate(acceptance.taskId(), due);
        assertThat(workList.openItems(new OrderId(orderId)).get(0).dueAt()).isEqualTo(due);

        nodes.delegate(acceptance.taskId(), clerk, otherClerk.username());
        assertThat(only(workList.openFor(otherClerk, 50), orderId).assignee()).isEqualTo(otherClerk.username());
        nodes.resolve(acceptance.taskId(), otherClerk);
        assertThat(only(workList.openFor(clerk, 50), orderId).assignee()).isEqualTo(clerk.username());

        nodes.complete(acceptance.taskId(), clerk, Map.of());
        assertThat(workList.openFor(clerk, 50)).noneMatch(i -> i.orderId().value() == orderId);
        assertThat(only(workList.openFor(surveyor, 50), orderId).nodeCode()).isEqualTo("SITE_SURVEY");
        assertInStepWithEngine(orderId);
    }

    @Test
    @DisplayName("R-COL-5 a task page finds its node by the work list's rule: mine or my roles' in my scope, whatever my list's length")
    void oneNodeOfMyWork() {
        String station = "/1/6/" + ORDER_IDS.get() + "/";
        long orderId = startedAt(station);
        CurrentUser clerk = staff("wl1-clerk-" + orderId, station, Role.CLERK);
        CurrentUser otherClerk = staff("wl1-clerk2-" + orderId, station, Role.CLERK);
        CurrentUser elsewhere = staff("wl1-west-" + orderId, "/1/9/" + orderId + "/", Role.CLERK);
        CurrentUser surveyor = staff("wl1-surveyor-" + orderId, station, Role.SURVEYOR);
        String taskId = only(workList.openFor(clerk, 50), orderId).taskId().value();

        assertThat(workList.openFor(clerk, new TaskId(taskId))).get().extracting(WorkItem::nodeCode).isEqualTo("ACCEPTANCE");
        assertThat(workList.openFor(otherClerk, new TaskId(taskId))).isPresent();
        assertThat(workList.openFor(elsewhere, new TaskId(taskId))).isEmpty();
        assertThat(workList.openFor(surveyor, new TaskId(taskId))).isEmpty();

        nodes.signFor(new TaskId(taskId), clerk);
        assertThat(workList.openFor(clerk, new TaskId(taskId))).get().extracting(WorkItem::assignee).isEqualTo(clerk.username());
        assertThat(workList.openFor(otherClerk, new TaskId(taskId))).isEmpty();

        nodes.complete(new TaskId(taskId), clerk, Map.of());
        assertThat(workList.openFor(clerk, new TaskId(taskId))).isEmpty();
    }

    @Test
    @DisplayName("R-COL-5 a cancelled order leaves nobody's work list")
    void cancelledOrderLeavesTheList() {
        String station = "/1/6/" + ORDER_IDS.get() + "/";
        long orderId = startedAt(station);
        CurrentUser clerk = staff("wl-cancel-" + orderId, station, Role.CLERK);
        assertThat(workList.openFor(clerk, 50)).anyMatch(i -> i.orderId().value() == orderId);

        processes.cancel(new OrderId(orderId), "customer withdrew");

        assertThat(workList.openFor(clerk, 50)).noneMatch(i -> i.orderId().value() == orderId);
        assertThat(workList.openItems(new OrderId(orderId))).isEmpty();
        assertThat(jdbc.sql("select count(*) from work_item where order_id = ?").param(orderId).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from work_item_role r where not exists (select 1 from work_item w where w.task_id = r.task_id)")
                .query(Long.class).single()).isZero();
    }

    @Test
    @DisplayName("R-COL-5 my tasks answers oldest first and at most the number asked for")
    void oldestFirstAndCut() {
        String station = "/1/6/" + ORDER_IDS.get() + "/";
        long first = startedAt(station);
        long second = startedAt(station);
        CurrentUser clerk = staff("wl-order-" + first, station, Role.CLERK);

        assertThat(workList.openFor(clerk, 50)).extracting(i -> i.orderId().value()).containsExactly(first, second);
        assertThat(workList.openFor(clerk, 1)).extracting(i -> i.orderId().value()).containsExactly(first);
        assertThat(workList.openItems(List.of(first, second))).containsOnlyKeys(first, second);
    }

    @Test
    @DisplayName("R-COL-1 the work page reads my tasks a page at a time, oldest first, and counts them as far as it needs")
    void pagedWithTotal() {
        String station = "/1/6/" + ORDER_IDS.get() + "/";
        List<Long> orders = List.of(startedAt(station), startedAt(station), startedAt(station));
        CurrentUser clerk = staff("wl-page-" + orders.get(0), station, Role.CLERK);
        CurrentUser surveyor = staff("wl-page-s-" + orders.get(0), station, Role.SURVEYOR);

        WorkList.WorkPage first = workList.page(clerk, 0, 2);
        assertThat(first.items()).extracting(i -> i.orderId().value()).containsExactly(orders.get(0), orders.get(1));
        assertThat(first.total()).isEqualTo(3);
        assertThat(first.hasNext()).isTrue();
        WorkList.WorkPage second = workList.page(clerk, 1, 2);
        assertThat(second.items()).extracting(i -> i.orderId().value()).containsExactly(orders.get(2));
        assertThat(second.hasNext()).isFalse();
        WorkList.WorkPage pastTheEnd = workList.page(clerk, 5, 2);
        assertThat(pastTheEnd.items()).isEmpty();
        assertThat(pastTheEnd.total()).isEqualTo(3);
        // A list shorter than its page is all there is, as the count would say.
        assertThat(workList.page(clerk, 0, 50).total()).isEqualTo(workList.count(clerk, 100)).isEqualTo(3);
        assertThat(workList.page(surveyor, 0, 50).total()).isZero();

        // Signed for by the clerk, the node is still on the clerk's list (and counted once); nobody else's.
        nodes.signFor(new TaskId(first.items().get(0).taskId().value()), clerk);
        assertThat(workList.count(clerk, 100)).isEqualTo(3);
        assertThat(workList.count(staff("wl-page-c2-" + orders.get(0), station, Role.CLERK), 100)).isEqualTo(2);
        assertThat(workList.count(surveyor, 100)).isZero();
        assertThat(workList.page(clerk, 0, 50).items()).containsExactlyElementsOf(workList.openFor(clerk, 50));
        assertThat(workList.page(clerk, 0, 50).more()).isFalse();

        // Counted only as far as the bound (or the page shown, if further): beyond it the page says "more than"
        // and still offers the next page.
        assertThat(workList.count(clerk, 2)).isEqualTo(2);
        WorkList.WorkPage bounded = workList.page(clerk, 0, 1, 1);
        assertThat(bounded.total()).isEqualTo(1);
        assertThat(bounded.more()).isTrue();
        assertThat(bounded.hasNext()).isTrue();
        WorkList.WorkPage last = workList.page(clerk, 2, 1, 1);
        assertThat(last.total()).isEqualTo(3);
        assertThat(last.more()).isFalse();
        assertThat(last.hasNext()).isFalse();
    }

    @Test
    @DisplayName("R-COL-1 a node offered to two of my roles is one line of my work and counted once")
    void nodeOfferedToTwoOfMyRolesCountsOnce() {
        String station = "/1/6/" + ORDER_IDS.get() + "/";
        long orderId = startedAt(station);
        String taskId = workList.openItems(new OrderId(orderId)).get(0).taskId().value();
        tasks.addCandidateGroup(taskId, Role.SURVEYOR.name());
        CurrentUser both = new CurrentUser(orderId, "wl-both-" + orderId, "wl-both", 0, "", "", station, station,
                Set.of(Role.CLERK, Role.SURVEYOR));

        assertThat(workList.openFor(both, 50)).extracting(i -> i.taskId().value()).containsExactly(taskId);
        assertThat(workList.count(both, 100)).isEqualTo(1);
        assertThat(workList.count(staff("wl-surveyor-only-" + orderId, station, Role.SURVEYOR), 100)).isEqualTo(1);
    }

    @Test
    @DisplayName("R-COL-1 counting what waits for my roles reads my scope's waiting nodes only, not the province's")
    void waitingCountReadsTheScopeRange() {
        // Sequential and bitmap scans are left out so that the answer does not depend on how few rows the test holds.
        List<String> plan = transactions.execute(status -> {
            for (String setting : List.of("enable_seqscan", "enable_bitmapscan")) {
                jdbc.sql("set local " + setting + " = off").update();
            }
            return jdbc.sql("explain " + WorkList.COUNT_WAITING).param("scope", "/1/6/" + ORDER_IDS.get() + "/%")
                    .param("roles", List.of(Role.SURVEYOR.name())).param("limit", 1001).query(String.class).list();
        });
        assertThat(String.join("\n", plan)).contains(" using work_item_waiting_scope_idx ");
    }

    @Test
    @DisplayName("R-COL-5 the work list's node condition holds for the orders open at the node, in the caller's own statement")
    void openAtNodeConditionSelectsTheOrdersOpenThere() {
        String station = "/1/6/" + ORDER_IDS.get() + "/";
        long atAcceptance = startedAt(station);
        long movedOn = startedAt(station);
        CurrentUser clerk = staff("wl-at-" + movedOn, station, Role.CLERK);
        WorkItem acceptance = only(workList.openFor(clerk, 50), movedOn);
        nodes.signFor(acceptance.taskId(), clerk);
        nodes.complete(acceptance.taskId(), clerk, Map.of());
        long never = ORDER_IDS.incrementAndGet();

        assertThat(ordersWhere(workList.openAt("o.id", "ACCEPTANCE"), atAcceptance, movedOn, never)).containsExactly(atAcceptance);
        assertThat(ordersWhere(workList.openAt("o.id", "SITE_SURVEY"), atAcceptance, movedOn, never)).containsExactly(movedOn);
        assertThat(ordersWhere(workList.openAt("o.id", "POWER_ON"), atAcceptance, movedOn, never)).isEmpty();
        assertThatThrownBy(() -> workList.openAt("id) or (1=1", "ACCEPTANCE")).isInstanceOf(IllegalArgumentException.class);
    }

    /** Which of the ids satisfy the condition, asked as another module's statement asks it. */
    private List<Long> ordersWhere(WorkList.OrderCondition condition, long... ids) {
        Map<String, Object> params = new java.util.HashMap<>(condition.params());
        List<String> rows = new java.util.ArrayList<>();
        for (int i = 0; i < ids.length; i++) {
            params.put("id" + i, ids[i]);
            rows.add("select cast(:id" + i + " as bigint) as id");
        }
        return jdbc.sql("select o.id from (" + String.join(" union all ", rows) + ") o where " + condition.sql() + " order by o.id")
                .params(params).query(Long.class).list();
    }

    @Test
    @DisplayName("R-COL-5 a node of a process run for no order is read with no order id, not refused as a bad one")
    void nodeOfAProcessForNoOrderHasNoOrderId() {
        repository.createDeployment().addClasspathResource("processes-test/engine-check.bpmn20.xml").deploy();
        String instance = runtime.startProcessInstanceByKey("engineCheck", "work-list-no-order-" + System.nanoTime()).getId();
        try {
            List<String> open = tasks.createTaskQuery().processInstanceId(instance).list().stream().map(t -> t.getId()).toList();
            assertThat(open).isNotEmpty();
            for (String taskId : open) {
                WorkItem item = nodes.openItem(new TaskId(taskId));
                assertThat(item.taskId()).isEqualTo(new TaskId(taskId));
                assertThat(item.orderId()).isNull();
            }
        } finally {
            runtime.deleteProcessInstance(instance, "test over");
        }
    }

    private void assertInStepWithEngine(long orderId) {
        List<String> engine = tasks.createTaskQuery().processInstanceBusinessKey(Long.toString(orderId)).list().stream()
                .map(t -> t.getId()).sorted().toList();
        assertThat(workList.openItems(new OrderId(orderId))).extracting(i -> i.taskId().value()).containsExactlyInAnyOrderElementsOf(engine);
    }

    /** Starts an LV residential order at the station; its id. */
    private long startedAt(String station) {
        long orderId = ORDER_IDS.incrementAndGet();
        processes.start(new OrderReference(orderId, null, null, 0, station), ProcessFamily.LV, LV_RESIDENTIAL);
        return orderId;
    }

    private static WorkItem only(List<WorkItem> items, long orderId) {
        List<WorkItem> mine = items.stream().filter(i -> i.orderId().value() == orderId).toList();
        assertThat(mine).hasSize(1);
        return mine.get(0);
    }

    private static CurrentUser staff(String username, String orgPath, Role role) {
        return new CurrentUser(username.hashCode(), username, username, 0, "", "", orgPath, orgPath, Set.copyOf(EnumSet.of(role)));
    }
}

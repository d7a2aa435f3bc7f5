package org.yekuo.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.yekuo.identity.CurrentUser;
import org.yekuo.identity.Role;
import org.yekuo.shared.DomainException;

@SpringBootTest
@RecordApplicationEvents
class OrderProcessesTests {

    private static final AtomicLong ORDER_IDS = new AtomicLong(System.currentTimeMillis() * 10);
    private static final List<String> LV_RESIDENTIAL = List.of("ACCEPTANCE", "SITE_SURVEY", "SCHEME_DESIGN", "SCHEME_REPLY",
            "CONTRACT", "METER_INSTALLATION", "POWER_ON");
    private static final String EAST = "/1/6/";

    @Autowired
    OrderProcesses processes;

    @Autowired
    OpenNodes nodes;

    @Autowired
    WorkList workList;

    @Autowired
    ProcessDiagrams diagrams;

    @Autowired
    ApplicationEvents events;

    @Test
    @DisplayName("R-CAT-2 R-COL-5 an LV order runs its planned nodes in order, each signed for by its role, skipping the rest")
    void lvOrderRunsPlannedNodesInOrder() {
        long orderId = ORDER_IDS.incrementAndGet();
        processes.start(new OrderReference(orderId, null, null, 0, EAST + "7/"), ProcessFamily.LV, LV_RESIDENTIAL);

        List<String> reached = new ArrayList<>();
        for (int i = 0; i < LV_RESIDENTIAL.size(); i++) {
            WorkItem item = workList.openItems(new OrderId(orderId)).get(0);
            reached.add(item.nodeCode());
            CurrentUser handler = staff("handler" + i, EAST, roleFor(item));
            assertThat(item.signedFor()).isFalse();
            WorkItem signed = nodes.signFor(item.taskId(), handler);
            assertThat(signed.assignee()).isEqualTo(handler.username());
            assertThat(signed.signedForAt()).isNotNull();
            nodes.complete(item.taskId(), handler, Map.of());
        }

        assertThat(reached).containsExactlyElementsOf(LV_RESIDENTIAL);
        assertThat(processes.isRunning(new OrderId(orderId))).isFalse();
        assertThat(processes.timeline(new OrderId(orderId))).extracting(NodeHistory::nodeCode).containsExactlyElementsOf(LV_RESIDENTIAL);
        assertThat(processes.timeline(new OrderId(orderId))).allSatisfy(node -> assertThat(node.finishedAt()).isNotNull());
        assertThat(events.stream(NodeReached.class).filter(e -> e.orderId().value() == orderId)).hasSize(LV_RESIDENTIAL.size());
        assertThat(events.stream(ProcessCompleted.class).filter(e -> e.orderId().value() == orderId)).hasSize(1);
    }

    @Test
    @DisplayName("R-COL-5 a node cannot be completed before it is signed for, nor by someone else, nor twice")
    void refusesUnsignedForeignAndRepeatedCompletion() {
        long orderId = ORDER_IDS.incrementAndGet();
        processes.start(new OrderReference(orderId, null, null, 0, EAST + "7/"), ProcessFamily.LV, LV_RESIDENTIAL);
        WorkItem acceptance = workList.openItems(new OrderId(orderId)).get(0);
        CurrentUser clerk = staff("clerk-a", EAST, Role.CLERK);
        CurrentUser otherClerk = staff("clerk-b", EAST, Role.CLERK);

        assertThatThrownBy(() -> nodes.complete(acceptance.taskId(), clerk, Map.of()))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.messageKey()).isEqualTo("workflow.task.sign-first"));
        nodes.signFor(acceptance.taskId(), clerk);
        nodes.signFor(acceptance.taskId(), clerk);
        assertThatThrownBy(() -> nodes.signFor(acceptance.taskId(), otherClerk))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.arguments()).containsExactly("clerk-a"));
        assertThatThrownBy(() -> nodes.complete(acceptance.taskId(), otherClerk, Map.of()))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.messageKey()).isEqualTo("workflow.task.signed-by-other"));
        nodes.complete(acceptance.taskId(), clerk, Map.of());
        assertThatThrownBy(() -> nodes.complete(acceptance.taskId(), clerk, Map.of()))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.messageKey()).isEqualTo("workflow.task.already-completed");
                    assertThat(e.arguments()).containsExactly("clerk-a");
                });
    }

    @Test
    @DisplayName("R-X-2 staff of another station or another role cannot sign for a node")
    void refusesOtherStationsAndRoles() {
        long orderId = ORDER_IDS.incrementAndGet();
        processes.start(new OrderReference(orderId, null, null, 0, EAST + "7/"), ProcessFamily.HV, List.of("ACCEPTANCE", "SITE_SURVEY"));
        WorkItem acceptance = workList.openItems(new OrderId(orderId)).get(0);

        assertThatThrownBy(() -> nodes.signFor(acceptance.taskId(), staff("west", "/1/9/", Role.CLERK)))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.messageKey()).isEqualTo("workflow.task.not-yours"));
        assertThatThrownBy(() -> nodes.signFor(acceptance.taskId(), staff("surveyor", EAST, Role.SURVEYOR)))
                .isInstanceOf(DomainException.class);
        assertThat(workList.openFor(staff("west", "/1/9/", Role.CLERK), 100)).noneMatch(item -> item.orderId().value() == orderId);
        assertThat(workList.openFor(staff("east", EAST, Role.CLERK), 1000)).anyMatch(item -> item.orderId().value() == orderId);
    }

    @Test
    @DisplayName("R-COL-5 a double click completes a node once: the second request is told it is already done")
    void concurrentCompletionsCompleteOnce() throws Exception {
        long orderId = ORDER_IDS.incrementAndGet();
        processes.start(new OrderReference(orderId, null, null, 0, EAST + "7/"), ProcessFamily.LV, LV_RESIDENTIAL);
        WorkItem acceptance = workList.openItems(new OrderId(orderId)).get(0);
        CurrentUser clerk = staff("clerk-c", EAST, Role.CLERK);
        nodes.signFor(acceptance.taskId(), clerk);

        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<Boolean> complete = () -> {
                try {
                    nodes.complete(acceptance.taskId(), clerk, Map.of());
                    return true;
                } catch (DomainException e) {
                    return false;
                }
            };
            List<Future<Boolean>> results = pool.invokeAll(List.of(complete, complete));
            long successes = 0;
            for (Future<Boolean> result : results) {
                successes += result.get() ? 1 : 0;
            }
            assertThat(successes).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(workList.openItems(new OrderId(orderId))).extracting(WorkItem::nodeCode).containsExactly("SITE_SURVEY");
    }

    @Test
    @DisplayName("R-COL-5 two clerks sign for one node at once: exactly one gets it, the other is told who; the answer is the work list's row")
    void concurrentSignForsGiveTheNodeToOne() throws Exception {
        long orderId = ORDER_IDS.incrementAndGet();
        processes.start(new OrderReference(orderId, null, null, 0, EAST + "7/"), ProcessFamily.LV, LV_RESIDENTIAL);
        WorkItem acceptance = workList.openItems(new OrderId(orderId)).get(0);
        List<CurrentUser> clerks = List.of(staff("clerk-s1-" + orderId, EAST, Role.CLERK), staff("clerk-s2-" + orderId, EAST, Role.CLERK));

        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<WorkItem> answers = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<DomainException> refusals = new java.util.concurrent.CopyOnWriteArrayList<>();
        try {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            List<Callable<Void>> signings = clerks.stream().<Callable<Void>>map(clerk -> () -> {
                start.await();
                try {
                    answers.add(nodes.signFor(acceptance.taskId(), clerk));
                } catch (DomainException e) {
                    refusals.add(e);
                }
                return null;
            }).toList();
            List<Future<Void>> results = signings.stream().map(pool::submit).toList();
            start.countDown();
            for (Future<Void> result : results) {
                result.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(answers).hasSize(1);
        WorkItem stored = nodes.openItem(acceptance.taskId());
        assertThat(refusals).singleElement().satisfies(e -> {
            assertThat(e.messageKey()).isEqualTo("workflow.task.signed-by-other");
            assertThat(e.arguments()).containsExactly(stored.assignee());
        });
        assertThat(answers.get(0)).isEqualTo(stored);
        assertThat(stored.assignee()).isIn(clerks.get(0).username(), clerks.get(1).username());
        assertThat(stored.signedForAt()).isNotNull();
        assertThat(stored.roles()).containsExactly("CLERK");
        // Signing again is harmless and answers the same row.
        CurrentUser winner = clerks.stream().filter(c -> c.username().equals(stored.assignee())).findFirst().orElseThrow();
        assertThat(nodes.signFor(acceptance.taskId(), winner)).isEqualTo(stored);
    }

    @Test
    @DisplayName("R-CAT-2 the flow chart marks finished, current and skipped nodes in the reader's language")
    void diagramMarksProgress() {
        long orderId = ORDER_IDS.incrementAndGet();
        processes.start(new OrderReference(orderId, null, null, 0, EAST + "7/"), ProcessFamily.LV, LV_RESIDENTIAL);
        WorkItem acceptance = workList.openItems(new OrderId(orderId)).get(0);
        CurrentUser clerk = staff("clerk-d", EAST, Role.CLERK);
        nodes.signFor(acceptance.taskId(), clerk);
        nodes.complete(acceptance.taskId(), clerk, Map.of());

        String svg = diagrams.forOrder(orderId, code -> "<" + code + ">");
        assertThat(svg).startsWith("<svg").contains("class=\"node done\" data-node=\"ACCEPTANCE\"")
                .contains("class=\"node current\" data-node=\"SITE_SURVEY\"")
                .contains("class=\"node skipped\" data-node=\"SCHEME_REVIEW\"")
                .contains("&lt;POWER_ON&gt;");
        assertThat(diagrams.forType(ProcessFamily.CHANGE, List.of("ACCEPTANCE", "CONTRACT"), code -> code))
                .contains("class=\"node pending\" data-node=\"CONTRACT\"")
                .contains("class=\"node skipped\" data-node=\"SITE_SURVEY\"");
    }

    @Test
    void nodeCodesAndElementIdsMapBothWays() {
        assertThat(NodeCodes.of("intermediateInspection")).isEqualTo("INTERMEDIATE_INSPECTION");
        assertThat(NodeCodes.elementId("POWER_ON")).isEqualTo("powerOn");
        assertThat(NodeCodes.elementId("ACCEPTANCE")).isEqualTo("acceptance");
    }

    private static Role roleFor(WorkItem item) {
        return Role.valueOf(item.roles().iterator().next());
    }

    private static CurrentUser staff(String username, String orgPath, Role role) {
        return new CurrentUser(username.hashCode(), username, username, 0, "", "", orgPath, orgPath,
                Set.copyOf(EnumSet.of(role)));
    }
}

package org.yekuo.intake;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yekuo.identity.CurrentUser;
import org.yekuo.identity.StaffMembers;
import org.yekuo.workflow.NodeHistory;
import org.yekuo.workflow.OrderProcesses;

/** Reads orders within the reader's data scope. */
@Service
@Transactional(readOnly = true)
public class Orders {

    private final Applications applications;
    private final OrderProcesses processes;
    private final StaffMembers staff;

    Orders(Applications applications, OrderProcesses processes, StaffMembers staff) {
        this.applications = applications;
        this.processes = processes;
        this.staff = staff;
    }

    public OrderView view(long id, CurrentUser user) {
        Application application = applications.get(id);
        OrderAccess.requireInScope(application, user);
        List<NodeHistory> timeline = processes.timeline(id);
        Map<String, String> handlerNames = staff.displayNames(timeline.stream().map(NodeHistory::handler)
                .filter(Objects::nonNull).collect(Collectors.toSet()));
        return OrderView.of(application, applications.materials(id), timeline, processes.openItems(id),
                applications.nodeFields(id), handlerNames);
    }

    /**
     * What a list of work shows of each order (number, masked applicant, supply address), for many orders
     * in one read; orders outside the reader's scope are left out.
     */
    public Map<Long, OrderHeadline> headlines(Collection<Long> ids, CurrentUser user) {
        Map<Long, OrderHeadline> headlines = new HashMap<>();
        applications.findAll(ids).values().stream().filter(a -> user.scope().includes(a.orgPath()))
                .forEach(a -> headlines.put(a.id(), new OrderHeadline(a.id(), a.orderNo(), a.applicantNameMasked(), a.supplyAddress())));
        return headlines;
    }

    /** An order's line in a list of work: personal data masked. */
    public record OrderHeadline(long id, String orderNo, String applicantName, String supplyAddress) {
    }

    /**
     * The order as the system sees it, without a reader's data scope: for modules that act on an order
     * from the engine's callbacks (such as the review of its scheme) and check the scope themselves.
     */
    public Optional<Application> find(long id) {
        return applications.find(id);
    }

    public OrderPage list(CurrentUser user, Optional<ApplicationStatus> status, Optional<String> orderNo, int page, int size) {
        String scope = user.scope().likePattern();
        List<Application> rows = applications.inScope(scope, status, orderNo, page, size);
        return new OrderPage(rows, applications.countInScope(scope, status, orderNo), page, size);
    }

    public record OrderPage(List<Application> orders, long total, int page, int size) {
    }
}

package org.yekuo.intake;

import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yekuo.identity.CurrentUser;
import org.yekuo.workflow.OrderProcesses;

/** Reads orders within the reader's data scope. */
@Service
@Transactional(readOnly = true)
public class Orders {

    private final Applications applications;
    private final OrderProcesses processes;

    Orders(Applications applications, OrderProcesses processes) {
        this.applications = applications;
        this.processes = processes;
    }

    public OrderView view(long id, CurrentUser user) {
        Application application = applications.get(id);
        OrderAccess.requireInScope(application, user);
        return OrderView.of(application, applications.materials(id), processes.timeline(id), processes.openItems(id),
                applications.nodeFields(id));
    }

    public OrderPage list(CurrentUser user, Optional<ApplicationStatus> status, Optional<String> orderNo, int page, int size) {
        String scope = user.scope().likePattern();
        List<Application> rows = applications.inScope(scope, status, orderNo, page, size);
        return new OrderPage(rows, applications.countInScope(scope, status, orderNo), page, size);
    }

    public record OrderPage(List<Application> orders, long total, int page, int size) {
    }
}

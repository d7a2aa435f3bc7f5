package org.yekuo.intake;

import org.yekuo.workflow.WorkItem;

/**
 * A node its order lets the user work on now, as {@link NodeRecording#requireWorkable} found it: what the node
 * records is then recorded through it, on the order as read for the check.
 */
public final class WorkableNode {

    final Application application;
    final WorkItem item;

    WorkableNode(Application application, WorkItem item) {
        this.application = application;
        this.item = item;
    }

    public long orderId() {
        return application.id();
    }

    public String orderNo() {
        return application.orderNo();
    }

    public String nodeCode() {
        return item.nodeCode();
    }
}

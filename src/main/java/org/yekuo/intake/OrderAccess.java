package org.yekuo.intake;

import org.yekuo.identity.CurrentUser;
import org.yekuo.shared.DomainException;

/** Staff see and change only orders of their own org unit and below (R-X-2). */
final class OrderAccess {

    private OrderAccess() {
    }

    static void requireInScope(Application application, CurrentUser user) {
        if (!user.scope().includes(application.orgPath())) {
            // Answer as if it did not exist: no hint that an order number is in use elsewhere.
            throw DomainException.notFound("intake.order.not-found", application.orderNo());
        }
    }
}

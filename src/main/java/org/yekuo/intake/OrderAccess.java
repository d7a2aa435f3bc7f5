package org.yekuo.intake;

import org.yekuo.identity.CurrentUser;
import org.yekuo.shared.DomainException;

/** Staff see and change only orders of their own org unit and below (R-X-2). */
final class OrderAccess {

    private OrderAccess() {
    }

    static void requireInScope(Application application, CurrentUser user) {
        if (!user.scope().includes(application.orgPath())) {
            // Answer exactly as for an id that does not exist: the same words, and no order number.
            throw DomainException.notFound("intake.order.not-found", Long.toString(application.id()));
        }
    }
}

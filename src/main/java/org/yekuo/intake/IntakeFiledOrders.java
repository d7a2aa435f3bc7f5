package org.yekuo.intake;

import org.springframework.stereotype.Component;
import org.yekuo.document.FiledOrder;
import org.yekuo.document.FiledOrders;
import org.yekuo.identity.CurrentUser;

/** Answers the document module about the orders its photos and drawings are filed to, with intake's own scope and state rules. */
@Component
class IntakeFiledOrders implements FiledOrders {

    private final Applications applications;

    IntakeFiledOrders(Applications applications) {
        this.applications = applications;
    }

    @Override
    public FiledOrder get(long orderId, CurrentUser user) {
        Application application = applications.get(orderId);
        OrderAccess.requireInScope(application, user);
        return new Filed(application);
    }

    private record Filed(Application application) implements FiledOrder {

        @Override
        public long id() {
            return application.id();
        }

        @Override
        public String orderNo() {
            return application.orderNo();
        }

        @Override
        public String orgPath() {
            return application.orgPath();
        }

        @Override
        public boolean open() {
            return application.status().open();
        }

        @Override
        public void requireOpen() {
            application.requireOpen();
        }
    }
}

package org.yekuo.intake;

import java.util.List;
import java.util.Map;

import org.yekuo.identity.CurrentUser;

/**
 * What another module adds to intake's order pages, as model attributes their templates read: the deadline module
 * each listed order's colour and the order's deadline card, insight the customer's clock on the progress page. Intake
 * owns the pages and depends on none of them, so they may listen to what intake announces (as identity's
 * {@code WorkbenchPanel} does for the workbench). Each method answers no attributes unless overridden.
 */
public interface OrderPageContribution {

    /** For the order list, once for the page: {@code openOrderIds} are the open orders it shows. */
    default Map<String, Object> orderList(List<Long> openOrderIds) {
        return Map.of();
    }

    /** For one order's page as {@code reader} sees it, after intake has shown the order to them. */
    default Map<String, Object> order(long orderId, CurrentUser reader) {
        return Map.of();
    }

    /** For the applicant's progress page behind the QR code. */
    default Map<String, Object> progress(long orderId) {
        return Map.of();
    }
}

package org.yekuo.floorsfixture.billing;

import org.yekuo.floorsfixture.orders.Order;

/** Uses orders without declaring it. */
public record Invoice(Order order) {
}

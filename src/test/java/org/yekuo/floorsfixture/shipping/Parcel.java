package org.yekuo.floorsfixture.shipping;

import org.yekuo.floorsfixture.orders.Order;

/** Uses orders, as it declares. */
public record Parcel(Order order) {
}

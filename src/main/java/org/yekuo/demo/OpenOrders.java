package org.yekuo.demo;

import org.springframework.stereotype.Component;

/** The demo's open orders, driven through the product's own services. */
@Component
class OpenOrders {

    /** What was opened. */
    record Result(int orders) {
    }

    Result open() {
        return new Result(0);
    }
}

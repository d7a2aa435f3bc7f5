/**
 * Stock and bills of materials (R-COL-2, R-COL-8): the materials catalogue, warehouses and their levels,
 * the designer's bill of materials, its push to stock once the scheme is approved, the materials clerk's
 * confirmation or alternative within working hours, reservations for the order and their issue, low-stock
 * procurement warnings. An outside ERP stays behind {@link org.yekuo.stock.StockLedger}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Stock",
        allowedDependencies = { "audit", "calendar", "catalogue", "deadline", "identity", "insight", "intake", "notification",
                "shared", "workflow" })
package org.yekuo.stock;

package org.yekuo.intake;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.yekuo.identity.DataScope;
import org.yekuo.identity.OpenOrders;

/** Orders accepted or suspended, not yet powered on or cancelled, keep their units from closing. */
@Component
class OpenOrdersInUnits implements OpenOrders {

    private final JdbcClient jdbc;

    OpenOrdersInUnits(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public long within(DataScope scope) {
        return jdbc.sql("select count(*) from application where org_path like ? and status in ('ACTIVE', 'SUSPENDED')")
                .param(scope.likePattern()).query(Long.class).single();
    }
}

package org.yekuo.collaboration;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.yekuo.identity.OrgUnitMoved;

/** This module's copies of org paths follow a unit's move in the moving transaction, so data scope follows at once. */
@Component
class CollaborationOrgPathsFollowMoves {

    private final JdbcClient jdbc;

    CollaborationOrgPathsFollowMoves(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventListener
    void on(OrgUnitMoved moved) {
        moved.rewrite(jdbc, "coordination_question", "org_path");
        moved.rewrite(jdbc, "coordination_question", "department_path");
        moved.rewrite(jdbc, "quality_problem", "org_path");
        moved.rewrite(jdbc, "responsibility_chain", "org_path");
        moved.rewrite(jdbc, "scheme_change_notice", "org_path");
    }
}

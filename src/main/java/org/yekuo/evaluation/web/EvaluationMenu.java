package org.yekuo.evaluation.web;

import java.util.List;

import org.springframework.stereotype.Component;
import org.yekuo.identity.MenuEntries;
import org.yekuo.identity.MenuEntry;
import org.yekuo.identity.Role;

/** The service evaluations for those who answer for them, and the service improvement tasks for every member of staff. */
@Component
class EvaluationMenu implements MenuEntries {

    @Override
    public List<MenuEntry> menuEntries() {
        return List.of(
                MenuEntry.forRoles(220, "nav.evaluations", "/evaluations", Role.LEADER, Role.DEPARTMENT_HEAD, Role.ADMIN, Role.AUDITOR),
                MenuEntry.forRoles(230, "nav.evaluation-traces", "/evaluations/traces", Role.LEADER, Role.DEPARTMENT_HEAD, Role.ADMIN, Role.AUDITOR),
                MenuEntry.forRoles(240, "nav.evaluation-teams", "/evaluations/teams", Role.LEADER, Role.DEPARTMENT_HEAD, Role.ADMIN, Role.AUDITOR),
                MenuEntry.forEveryone(250, "nav.evaluation-tasks", "/evaluations/tasks"));
    }
}

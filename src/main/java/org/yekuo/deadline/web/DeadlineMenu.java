package org.yekuo.deadline.web;

import java.util.List;

import org.springframework.stereotype.Component;
import org.yekuo.identity.MenuEntries;
import org.yekuo.identity.MenuEntry;
import org.yekuo.identity.Role;

/** The deadline board, delay explanations and the reports of time-limit control. */
@Component
class DeadlineMenu implements MenuEntries {

    @Override
    public List<MenuEntry> menuEntries() {
        return List.of(
                MenuEntry.forOrderReaders(50, "nav.deadline-board", "/deadlines/board"),
                MenuEntry.forRoles(100, "nav.delay-explanations", "/deadlines/explanations", Role.LEADER),
                MenuEntry.forRoles(170, "nav.deadline-analysis", "/deadlines/analysis", Role.LEADER, Role.DEPARTMENT_HEAD, Role.ADMIN),
                MenuEntry.forRoles(180, "nav.deadline-scores", "/deadlines/scores", Role.LEADER, Role.DEPARTMENT_HEAD, Role.ADMIN),
                MenuEntry.forRoles(190, "nav.deadline-score-rules", "/deadlines/score-rules", Role.ADMIN),
                MenuEntry.forEveryone(200, "nav.deadline-leaderboard", "/deadlines/leaderboard"),
                MenuEntry.forEveryone(210, "nav.deadline-notices", "/deadlines/notices"));
    }
}

package org.yekuo.deadline;

import java.util.HashMap;
import java.util.Map;

import org.springframework.stereotype.Component;
import org.yekuo.identity.AccessRules;
import org.yekuo.identity.CurrentUser;
import org.yekuo.identity.Role;
import org.yekuo.identity.WorkbenchPanel;

/** The workbench's counts of open nodes by colour in the reader's scope, and a leader's pending explanations. */
@Component
class DeadlineWorkbenchPanel implements WorkbenchPanel {

    private final DeadlineBoard board;
    private final DelayExplanations explanations;

    DeadlineWorkbenchPanel(DeadlineBoard board, DelayExplanations explanations) {
        this.board = board;
        this.explanations = explanations;
    }

    @Override
    public String template() {
        return "deadline/fragments";
    }

    @Override
    public Map<String, Object> model(CurrentUser user) {
        if (!AccessRules.readsOrders(user)) {
            // The counts lead to the deadline board, which is order data the auditor and security administrator do not read.
            return null;
        }
        Map<String, Object> model = new HashMap<>();
        model.put("counts", board.counts(user));
        model.put("pending", user.has(Role.LEADER) ? explanations.pending(user).size() : null);
        return model;
    }
}

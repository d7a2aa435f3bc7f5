package org.yekuo.collaboration;

import java.util.Map;

import org.springframework.stereotype.Component;
import org.yekuo.identity.AccessRules;
import org.yekuo.identity.CurrentUser;
import org.yekuo.identity.WorkbenchPanel;

/** The workbench's coordination counts: questions the reader's unit must answer, answers the reader must accept or reopen. */
@Component
class CoordinationWorkbenchPanel implements WorkbenchPanel {

    private final Coordination coordination;

    CoordinationWorkbenchPanel(Coordination coordination) {
        this.coordination = coordination;
    }

    @Override
    public String template() {
        return "collaboration/fragments";
    }

    @Override
    public Map<String, Object> model(CurrentUser user) {
        if (!AccessRules.readsOrders(user)) {
            return null;
        }
        long toAnswer = coordination.board(user, true).stream().filter(q -> q.status() == CoordinationQuestion.Status.OPEN).count();
        long toDecide = coordination.board(user, false).stream()
                .filter(q -> q.status() == CoordinationQuestion.Status.ANSWERED && q.askedBy().equals(user.username())).count();
        return toAnswer == 0 && toDecide == 0 ? null : Map.of("toAnswer", toAnswer, "toDecide", toDecide);
    }
}

package org.yekuo.collaboration;

import java.util.Map;

import org.springframework.stereotype.Component;
import org.yekuo.identity.CurrentUser;
import org.yekuo.identity.WorkbenchPanel;

/** The workbench's count of scheme changes the reader must acknowledge before working on those orders again. */
@Component
class SchemeChangeWorkbenchPanel implements WorkbenchPanel {

    private final SchemeChanges changes;

    SchemeChangeWorkbenchPanel(SchemeChanges changes) {
        this.changes = changes;
    }

    @Override
    public String template() {
        return "collaboration/scheme-change-panel";
    }

    @Override
    public Map<String, Object> model(CurrentUser user) {
        long open = changes.openCount(user);
        return open == 0 ? null : Map.of("open", open);
    }
}

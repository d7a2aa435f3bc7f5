package org.yekuo.intake;

import java.util.Map;

import org.springframework.stereotype.Component;
import org.yekuo.identity.CurrentUser;
import org.yekuo.identity.Role;
import org.yekuo.identity.WorkbenchPanel;

/** The clerk's to-do on the workbench: suspended orders whose missing material someone must collect. */
@Component
class MaterialsToCollectPanel implements WorkbenchPanel {

    private final MaterialChases chases;

    MaterialsToCollectPanel(MaterialChases chases) {
        this.chases = chases;
    }

    @Override
    public String template() {
        return "intake/materials-panel";
    }

    @Override
    public Map<String, Object> model(CurrentUser user) {
        return user.has(Role.CLERK) ? Map.of("waiting", chases.waiting(user)) : null;
    }
}

package org.yekuo.identity;

import java.util.Map;

/**
 * A panel another module adds to the workbench (e.g. deadline counts by colour), so that identity, which
 * owns the workbench, depends on none of them: {@code template} names a Thymeleaf template whose fragment
 * {@code panel} is inserted with {@code panel} bound to the model this returns for the reader, or left
 * out when it returns null.
 */
public interface WorkbenchPanel {

    String template();

    Map<String, Object> model(CurrentUser user);
}

package org.yekuo.identity;

import java.util.List;

/**
 * The entries a module adds to the left menu for its own pages, so that identity, which draws the menu,
 * names none of the other modules' addresses (as {@link WorkbenchPanel} does for the workbench).
 */
public interface MenuEntries {

    List<MenuEntry> menuEntries();
}

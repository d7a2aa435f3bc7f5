package org.yekuo.identity;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * What every staff page's frame needs: the signed-in user, their menu and the current path. Pages get
 * it automatically; a page rendered from an exception handler, which gets an empty model, asks here.
 */
@Component
public class PageShell {

    private final CurrentUsers users;
    private final Navigation navigation;

    PageShell(CurrentUsers users, Navigation navigation) {
        this.users = users;
        this.navigation = navigation;
    }

    public void addTo(Model model, HttpServletRequest request) {
        String path = request.getRequestURI();
        users.find().ifPresent(user -> {
            var menu = navigation.visibleTo(user);
            model.addAttribute("currentUser", user);
            model.addAttribute("navigation", menu);
            // Worked out once here rather than by comparing every entry with every other in the template.
            model.addAttribute("activeHref", Navigation.activeHref(menu, path));
        });
        model.addAttribute("currentPath", path);
    }
}

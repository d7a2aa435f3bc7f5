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

    PageShell(CurrentUsers users) {
        this.users = users;
    }

    public void addTo(Model model, HttpServletRequest request) {
        String path = request.getRequestURI();
        users.find().ifPresent(user -> {
            var navigation = Navigation.visibleTo(user);
            model.addAttribute("currentUser", user);
            model.addAttribute("navigation", navigation);
            // Worked out once here rather than by comparing every entry with every other in the template.
            model.addAttribute("activeHref", Navigation.activeHref(navigation, path));
        });
        model.addAttribute("currentPath", path);
    }
}

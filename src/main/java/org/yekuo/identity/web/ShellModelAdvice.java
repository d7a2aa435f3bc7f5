package org.yekuo.identity.web;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.yekuo.identity.CurrentUsers;

/** Gives every page the signed-in user, their menu and the current path for the shell. */
@ControllerAdvice(annotations = Controller.class)
class ShellModelAdvice {

    private final CurrentUsers users;

    ShellModelAdvice(CurrentUsers users) {
        this.users = users;
    }

    @ModelAttribute
    void shell(Model model, HttpServletRequest request) {
        users.find().ifPresent(user -> {
            model.addAttribute("currentUser", user);
            model.addAttribute("navigation", Navigation.visibleTo(user));
        });
        model.addAttribute("currentPath", request.getRequestURI());
    }
}

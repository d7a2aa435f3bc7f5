package org.yekuo.identity.web;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.yekuo.identity.PageShell;

/** Gives every page the frame it needs: the signed-in user, their menu and the current path. */
@ControllerAdvice(annotations = Controller.class)
class ShellModelAdvice {

    private final PageShell shell;

    ShellModelAdvice(PageShell shell) {
        this.shell = shell;
    }

    @ModelAttribute
    void shell(Model model, HttpServletRequest request) {
        shell.addTo(model, request);
    }
}

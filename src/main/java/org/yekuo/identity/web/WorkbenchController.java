package org.yekuo.identity.web;

import jakarta.servlet.http.HttpSession;

import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.web.WebAttributes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

@Controller
class WorkbenchController {

    @GetMapping("/")
    String workbench() {
        return "workbench";
    }

    @GetMapping("/login")
    String login(@RequestParam(required = false) String error, HttpSession session, Model model) {
        if (error != null) {
            Object failure = session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
            model.addAttribute("loginError", failure instanceof LockedException ? "login.locked"
                    : failure instanceof DisabledException ? "login.disabled" : "login.bad-credentials");
        }
        return "login";
    }
}

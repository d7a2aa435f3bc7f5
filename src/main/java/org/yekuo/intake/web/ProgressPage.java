package org.yekuo.intake.web;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.yekuo.catalogue.Catalogue;
import org.yekuo.insight.CustomerClock;
import org.yekuo.intake.OrderProgress;

/** The applicant's progress page behind the QR code and the SMS link: public, phone-sized. */
@Controller
class ProgressPage {

    private final OrderProgress progress;
    private final Catalogue catalogue;
    private final CustomerClock clock;

    ProgressPage(OrderProgress progress, Catalogue catalogue, CustomerClock clock) {
        this.progress = progress;
        this.catalogue = catalogue;
        this.clock = clock;
    }

    @GetMapping("/s/{token}")
    String progress(@PathVariable String token, Model model, HttpServletResponse response) {
        var view = progress.byToken(token);
        if (view.isEmpty()) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
            return "intake/progress-unknown";
        }
        model.addAttribute("progress", view.get());
        model.addAttribute("token", token);
        model.addAttribute("type", catalogue.current(view.get().typeCode()));
        model.addAttribute("clock", progress.orderIdByToken(token).map(clock::of).orElse(null));
        return "intake/progress";
    }
}

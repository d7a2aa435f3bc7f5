package org.yekuo.document.web;

import java.util.Locale;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.yekuo.identity.CurrentUsers;
import org.yekuo.document.SchemeDrawings;
import org.yekuo.document.UploadedFile;
import org.yekuo.shared.DomainException;
import org.yekuo.shared.Refusals;

/** The designer attaches the scheme's drawings on the scheme design's task page. */
@Controller
class DrawingPages {

    private final SchemeDrawings drawings;
    private final CurrentUsers users;
    private final Refusals refusals;

    DrawingPages(SchemeDrawings drawings, CurrentUsers users, Refusals refusals) {
        this.drawings = drawings;
        this.users = users;
        this.refusals = refusals;
    }

    @PostMapping("/tasks/{taskId}/drawings")
    String add(@PathVariable String taskId, @RequestParam(required = false) MultipartFile file,
            @RequestParam(required = false) String kind, Locale locale, RedirectAttributes redirect) {
        try {
            drawings.add(taskId, kind, UploadedFile.of(file), users.require());
            redirect.addFlashAttribute("notice", "intake.drawing.saved");
        } catch (DomainException e) {
            redirect.addFlashAttribute("refusal", refusals.explain(e, locale));
        }
        return "redirect:/tasks/" + taskId + "#drawings";
    }
}

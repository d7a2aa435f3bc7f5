package org.yekuo.intake.web;

import java.util.Locale;


import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.yekuo.document.UploadedFile;
import org.yekuo.identity.CurrentUsers;
import org.yekuo.intake.FieldPhotos;
import org.yekuo.shared.DomainException;
import org.yekuo.shared.Refusals;

/** Field photos from the phone's camera on the node form (R-COL-1); they are viewed in the order's archive. */
@Controller
class PhotoPages {

    private final FieldPhotos photos;
    private final CurrentUsers users;
    private final Refusals refusals;

    PhotoPages(FieldPhotos photos, CurrentUsers users, Refusals refusals) {
        this.photos = photos;
        this.users = users;
        this.refusals = refusals;
    }

    @PostMapping("/tasks/{taskId}/photos")
    String add(@PathVariable String taskId, @RequestParam(required = false) MultipartFile file,
            @RequestParam(required = false) String kind, @RequestParam(required = false) String annotation, Locale locale,
            RedirectAttributes redirect) {
        try {
            photos.add(taskId, kind, annotation, uploaded(file), users.require());
            redirect.addFlashAttribute("notice", "intake.photo.saved");
        } catch (DomainException e) {
            redirect.addFlashAttribute("refusal", refusals.explain(e, locale));
            redirect.addFlashAttribute("photoAnnotation", annotation);
        }
        return "redirect:/tasks/" + taskId;
    }

    static UploadedFile uploaded(MultipartFile file) {
        return UploadedFile.of(file);
    }
}

package org.yekuo.document.web;

import java.util.Locale;


import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.yekuo.document.FieldPhotos;
import org.yekuo.document.FiledOrders;
import org.yekuo.document.NodePhoto;
import org.yekuo.document.UploadedFile;
import org.yekuo.identity.CurrentUsers;
import org.yekuo.shared.DomainException;
import org.yekuo.shared.Refusals;

import tools.jackson.databind.json.JsonMapper;

/** Field photos from the phone's camera on the node form (R-COL-1), each shown with its marks; originals are in the order's archive. */
@Controller
class PhotoPages {

    private final FieldPhotos photos;
    private final FiledOrders orders;
    private final CurrentUsers users;
    private final Refusals refusals;
    private final JsonMapper json;

    PhotoPages(FieldPhotos photos, FiledOrders orders, CurrentUsers users, Refusals refusals, JsonMapper json) {
        this.json = json;
        this.photos = photos;
        this.orders = orders;
        this.users = users;
        this.refusals = refusals;
    }

    /**
     * One photo, large, with its marks; its author, or who works its node now, draws arrows, lines, the line route and
     * labels over it on the phone (R-COL-1), saved through {@code PUT /api/photos/{id}/marks}.
     */
    @GetMapping("/photos/{photoId}")
    String photo(@PathVariable long photoId, Model model, Locale locale, HttpServletResponse response) {
        var user = users.require();
        try {
            NodePhoto photo = photos.get(photoId, user);
            model.addAttribute("photo", photo);
            model.addAttribute("order", orders.get(photo.orderId(), user));
            var marking = photos.marking(photoId, user);
            model.addAttribute("marking", marking);
            model.addAttribute("marksJson", json.writeValueAsString(marking.marks()));
            model.addAttribute("mayMark", photos.mayMark(photo, user));
            return "intake/photo";
        } catch (DomainException e) {
            response.setStatus(e.status().value());
            model.addAttribute("refusal", refusals.explain(e, locale));
            return "intake/refused";
        }
    }

    @PostMapping("/tasks/{taskId}/photos")
    String add(@PathVariable String taskId, @RequestParam(required = false) MultipartFile file,
            @RequestParam(required = false) String kind, @RequestParam(required = false) String annotation, Locale locale,
            RedirectAttributes redirect) {
        try {
            photos.add(taskId, kind, annotation, UploadedFile.of(file), users.require());
            redirect.addFlashAttribute("notice", "intake.photo.saved");
        } catch (DomainException e) {
            redirect.addFlashAttribute("refusal", refusals.explain(e, locale));
            redirect.addFlashAttribute("photoAnnotation", annotation);
        }
        return "redirect:/tasks/" + taskId;
    }

    /** A blank sheet to sketch the line route on, opened at once for marking. */
    @PostMapping("/tasks/{taskId}/sketches")
    String sketch(@PathVariable String taskId, @RequestParam(required = false) String annotation, Locale locale,
            RedirectAttributes redirect) {
        try {
            NodePhoto sketch = photos.sketch(taskId, annotation, users.require());
            return "redirect:/photos/" + sketch.id();
        } catch (DomainException e) {
            redirect.addFlashAttribute("refusal", refusals.explain(e, locale));
            return "redirect:/tasks/" + taskId;
        }
    }
}

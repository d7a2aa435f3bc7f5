package org.yekuo.calendar.web;

import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.format.annotation.DateTimeFormat.ISO;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.yekuo.calendar.CalendarYear;
import org.yekuo.calendar.SpecialDay;
import org.yekuo.calendar.WorkingCalendar;
import org.yekuo.calendar.internal.CalendarAdministration;
import org.yekuo.calendar.internal.DayLine;
import org.yekuo.identity.CurrentUsers;
import org.yekuo.identity.Role;
import org.yekuo.shared.DomainException;
import org.yekuo.shared.Refusals;
import org.yekuo.shared.Times;

/**
 * The calendar page: a year's twelve months with holidays, adjusted working days and weekends told
 * apart, the list of special days, and for administrators the forms to change days or load a year.
 */
@Controller
@RequestMapping("/calendar")
class CalendarPageController {

    private final WorkingCalendar calendar;
    private final CalendarAdministration administration;
    private final CurrentUsers users;
    private final Refusals refusals;
    private final Clock clock;

    CalendarPageController(WorkingCalendar calendar, CalendarAdministration administration, CurrentUsers users,
            Refusals refusals, Clock clock) {
        this.calendar = calendar;
        this.administration = administration;
        this.users = users;
        this.refusals = refusals;
        this.clock = clock;
    }

    @GetMapping
    String page(@RequestParam(required = false) Integer year,
            @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) LocalDate edit, Model model) {
        // Far-off years are no use here and would not fit the grid's date arithmetic.
        int shown = year != null && year >= 1900 && year <= 2200 ? year : LocalDate.now(clock).getYear();
        Optional<DayForm> editing = edit == null ? Optional.empty()
                : calendar.specialDays(edit.getYear()).stream().filter(day -> day.date().equals(edit)).findFirst().map(DayForm::of);
        return show(shown, editing.orElse(DayForm.EMPTY), editing.isPresent(), List.of(), model);
    }

    @PostMapping("/special-days")
    String addDay(@ModelAttribute DayForm form, Model model, Locale locale, RedirectAttributes redirect,
            HttpServletResponse response) {
        try {
            administration.addDay(form.toLine());
        } catch (DomainException e) {
            return refused(yearOf(form.date()), form, false, e, model, locale, response);
        }
        return saved(yearOf(form.date()), "calendar.saved.day", form.date(), redirect);
    }

    @PostMapping("/special-days/{date}")
    String changeDay(@PathVariable @DateTimeFormat(iso = ISO.DATE) LocalDate date, @ModelAttribute DayForm form, Model model,
            Locale locale, RedirectAttributes redirect, HttpServletResponse response) {
        DayForm editing = new DayForm(date.toString(), form.kind(), form.nameZh(), form.nameEn());
        try {
            administration.changeDay(date, editing.toLine());
        } catch (DomainException e) {
            return refused(date.getYear(), editing, true, e, model, locale, response);
        }
        return saved(date.getYear(), "calendar.saved.day", date.toString(), redirect);
    }

    @PostMapping("/special-days/{date}/delete")
    String removeDay(@PathVariable @DateTimeFormat(iso = ISO.DATE) LocalDate date, Model model, Locale locale,
            RedirectAttributes redirect, HttpServletResponse response) {
        try {
            administration.removeDay(date);
        } catch (DomainException e) {
            return refused(date.getYear(), DayForm.EMPTY, false, e, model, locale, response);
        }
        return saved(date.getYear(), "calendar.removed.day", date.toString(), redirect);
    }

    @PostMapping("/years/{year}/file")
    String uploadYear(@PathVariable int year, @RequestParam(required = false) MultipartFile file,
            @RequestParam(required = false) String source, Model model, Locale locale, RedirectAttributes redirect,
            HttpServletResponse response) throws IOException {
        try {
            administration.replaceYearFromFile(year, source, file == null ? new byte[0] : file.getBytes());
        } catch (DomainException e) {
            model.addAttribute("source", source);
            return refused(year, DayForm.EMPTY, false, e, model, locale, response);
        }
        return saved(year, "calendar.saved.year", String.valueOf(year), redirect);
    }

    private String show(int year, DayForm form, boolean editing, List<String> errors, Model model) {
        TreeSet<Integer> choices = new TreeSet<>(calendar.years().stream().map(CalendarYear::year).toList());
        int thisYear = LocalDate.now(clock).getYear();
        choices.addAll(List.of(thisYear - 1, thisYear, thisYear + 1, year));
        List<SpecialDay> days = calendar.specialDays(year);
        model.addAttribute("year", year);
        model.addAttribute("yearText", String.valueOf(year));
        model.addAttribute("yearChoices", choices);
        calendar.year(year).ifPresent(loaded -> {
            model.addAttribute("calendarYear", loaded);
            model.addAttribute("loadedAt", Times.MINUTES.format(loaded.loadedAt().atZone(clock.getZone())));
        });
        model.addAttribute("loaded", calendar.isLoaded(year));
        model.addAttribute("months", MonthGrid.year(year, calendar));
        model.addAttribute("specialDays", days);
        model.addAttribute("admin", users.require().has(Role.ADMIN));
        model.addAttribute("form", form);
        model.addAttribute("editing", editing);
        model.addAttribute("errors", errors);
        return "calendar";
    }

    private String refused(int year, DayForm form, boolean editing, DomainException e, Model model, Locale locale,
            HttpServletResponse response) {
        // The problems name their line or field themselves, so the page lists them instead of the summary.
        Refusals.Refusal refusal = refusals.explain(e, locale);
        List<String> errors = refusal.fields().isEmpty() ? List.of(refusal.message()) : List.copyOf(refusal.fields().values());
        response.setStatus(e.status().value());
        return show(year, form, editing, errors, model);
    }

    private static String saved(int year, String messageKey, String argument, RedirectAttributes redirect) {
        redirect.addFlashAttribute("savedKey", messageKey);
        redirect.addFlashAttribute("savedArgument", argument);
        return "redirect:/calendar?year=" + year;
    }

    private int yearOf(String date) {
        try {
            return LocalDate.parse(date).getYear();
        } catch (RuntimeException e) {
            return LocalDate.now(clock).getYear();
        }
    }

    /** The add-or-change form as submitted or to be shown. */
    record DayForm(String date, String kind, String nameZh, String nameEn) {

        static final DayForm EMPTY = new DayForm("", "HOLIDAY", "", "");

        static DayForm of(SpecialDay day) {
            return new DayForm(day.date().toString(), day.kind().name(), day.nameZh(), day.nameEn());
        }

        DayLine toLine() {
            return new DayLine(1, date, kind, nameZh, nameEn);
        }
    }
}

package org.yekuo.manual.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.stereotype.Component;
import org.yekuo.catalogue.Material;
import org.yekuo.manual.Chapter;
import org.yekuo.manual.Manual;
import org.yekuo.manual.ManualNote;
import org.yekuo.manual.Stage;

/**
 * Finds text in an edition's chapters as the reader reads them: chapter and stage names, time limits,
 * materials, required fields, guideline clauses and notes, in the reader's language (and the notes as
 * written). A query of two or more characters; case does not matter.
 */
@Component
class ManualSearch {

    static final int MINIMUM = 2;
    static final int MAXIMUM_HITS = 100;

    private final Manual manual;
    private final ManualTexts texts;

    ManualSearch(Manual manual, ManualTexts texts) {
        this.manual = manual;
        this.texts = texts;
    }

    /** One place a query was found: the chapter, its section (a node code, or null for the chapter) and the text. */
    record Hit(String typeCode, String chapter, String section, String sectionName, String text) {
    }

    List<Hit> search(String query, int edition, Locale locale) {
        String q = query == null ? "" : query.strip().toLowerCase(Locale.ROOT);
        if (q.length() < MINIMUM) {
            return List.of();
        }
        List<Hit> hits = new ArrayList<>();
        for (Chapter chapter : manual.chapters(edition)) {
            String name = chapter.type().name(locale);
            add(locale, hits, q, chapter, name, null, name);
            for (ManualNote note : chapter.notes()) {
                add(locale, hits, q, chapter, name, null, note.title() + " — " + note.body());
            }
            if (chapter.guideline() != null) {
                chapter.guideline().items().forEach(i -> add(locale, hits, q, chapter, name, "GUIDELINE", i.clauseNo() + " " + i.text(locale)));
            }
            for (Stage stage : chapter.stages()) {
                String node = stage.node().node().name();
                add(locale, hits, q, chapter, name, node, texts.node(node, locale) + " · " + texts.limit(stage.node().limit(), locale));
                for (Material m : stage.inputs()) {
                    add(locale, hits, q, chapter, name, node, m.name(locale));
                }
                for (String field : stage.outputFields()) {
                    add(locale, hits, q, chapter, name, node, texts.msg("intake.node-field." + field, locale));
                }
                for (ManualNote note : stage.notes()) {
                    add(locale, hits, q, chapter, name, node, note.title() + " — " + note.body());
                }
            }
        }
        return hits.size() > MAXIMUM_HITS ? hits.subList(0, MAXIMUM_HITS) : hits;
    }

    private void add(Locale locale, List<Hit> hits, String q, Chapter chapter, String name, String section, String text) {
        if (text != null && text.toLowerCase(Locale.ROOT).contains(q)) {
            String sectionName = section == null ? null : "GUIDELINE".equals(section) ? chapter.guideline().name(locale)
                    : texts.node(section, locale);
            hits.add(new Hit(chapter.typeCode(), name, section, sectionName, text));
        }
    }
}

package org.yekuo.manual.web;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;
import org.yekuo.catalogue.GuidelineItem;
import org.yekuo.manual.ChangeEntry;
import org.yekuo.manual.Chapter;
import org.yekuo.manual.Edition;
import org.yekuo.manual.Manual;
import org.yekuo.manual.ManualNote;
import org.yekuo.manual.Stage;
import org.yekuo.manual.TypicalCase;
import org.yekuo.shared.PdfFont;
import org.yekuo.shared.Times;

import com.lowagie.text.Anchor;
import com.lowagie.text.Chunk;
import com.lowagie.text.Document;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfPageEventHelper;
import com.lowagie.text.pdf.PdfWriter;

/**
 * The manual of an edition as an A4 PDF book: a title page with the table of contents (each line links to
 * its chapter and names its page), one chapter per business type with its stages, clauses and notes, the
 * edition's change log and the typical-case appendix, with bookmarks for every chapter and the CJK font of
 * {@link PdfFont} embedded. The book is laid out twice: the first run finds the page each chapter starts on,
 * the second writes those numbers into the contents (which take the same single page both times).
 */
@Component
class ManualBook {

    static final String MEDIA_TYPE = "application/pdf";

    private final Manual manual;
    private final ManualTexts texts;
    private final PdfFont font;
    private final Clock clock;

    ManualBook(Manual manual, ManualTexts texts, PdfFont font, Clock clock) {
        this.manual = manual;
        this.texts = texts;
        this.font = font;
        this.clock = clock;
    }

    byte[] write(Edition edition, Locale locale) {
        BaseFont cjk = font.baseFont();
        List<Chapter> chapters = manual.chapters(edition.number());
        List<ChangeEntry> changes = manual.changes(edition.number());
        List<TypicalCase> cases = manual.appendix(edition.number());
        List<Integer> pages = new ArrayList<>();
        layOut(edition, chapters, changes, cases, cjk, locale, pages);
        return layOut(edition, chapters, changes, cases, cjk, locale, pages);
    }

    private byte[] layOut(Edition edition, List<Chapter> chapters, List<ChangeEntry> changes, List<TypicalCase> cases, BaseFont cjk,
            Locale locale, List<Integer> pages) {
        Font title = new Font(cjk, 20, Font.BOLD);
        Font h1 = new Font(cjk, 15, Font.BOLD);
        Font h2 = new Font(cjk, 11, Font.BOLD);
        Font body = new Font(cjk, 9);
        Font small = new Font(cjk, 8, Font.NORMAL, new Color(0x59, 0x59, 0x59));
        List<Integer> found = new ArrayList<>();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document document = new Document(PageSize.A4, 42, 42, 48, 48);
        PdfWriter writer = PdfWriter.getInstance(document, out);
        writer.setPageEvent(new PdfPageEventHelper() {
            @Override
            public void onEndPage(PdfWriter w, Document d) {
                Phrase footer = new Phrase(texts.msg("manual.book.footer", locale, edition.number(), w.getPageNumber()), small);
                com.lowagie.text.pdf.ColumnText.showTextAligned(w.getDirectContent(), Element.ALIGN_CENTER, footer,
                        (d.left() + d.right()) / 2, d.bottom() - 20, 0);
            }
        });
        String bookTitle = texts.msg("manual.book.title", locale, edition.number());
        document.addTitle(bookTitle);
        document.open();
        Paragraph heading = new Paragraph(bookTitle, title);
        heading.setAlignment(Element.ALIGN_CENTER);
        document.add(heading);
        Paragraph sub = new Paragraph(texts.msg("manual.book.subtitle", locale, edition.summary(),
                Times.DAY.format(edition.publishedAt().atZone(clock.getZone()))), body);
        sub.setAlignment(Element.ALIGN_CENTER);
        sub.setSpacingAfter(16);
        document.add(sub);
        document.add(new Paragraph(texts.msg("manual.book.contents", locale), h1));
        int line = 0;
        for (Chapter chapter : chapters) {
            contentsLine(document, (line + 1) + ". " + chapter.type().name(locale), "ch-" + chapter.typeCode(), pages, line++, body);
        }
        contentsLine(document, texts.msg("manual.book.change-log", locale), "changes", pages, line++, body);
        contentsLine(document, texts.msg("manual.appendix.title", locale), "appendix", pages, line, body);

        int number = 0;
        for (Chapter chapter : chapters) {
            number++;
            document.newPage();
            found.add(writer.getPageNumber());
            Paragraph chapterTitle = new Paragraph();
            chapterTitle.add(anchor("ch-" + chapter.typeCode(), number + ". " + chapter.type().name(locale), h1));
            document.add(bookmarked(writer, chapterTitle, number + ". " + chapter.type().name(locale)));
            document.add(new Paragraph(texts.msg("manual.book.chapter-facts", locale, texts.msg(chapter.type().family().messageKey(), locale),
                    chapter.type().version()), small));
            for (ManualNote note : chapter.notes()) {
                note(document, note, locale, h2, body);
            }
            PdfPTable stages = table(new float[] {3, 2, 4, 4}, body, texts.msg("manual.stage", locale), texts.msg("catalogue.limit", locale),
                    texts.msg("manual.stage.inputs", locale), texts.msg("manual.stage.outputs", locale));
            for (Stage stage : chapter.stages()) {
                cell(stages, texts.node(stage.node().node().name(), locale), body);
                cell(stages, texts.limit(stage.node().limit(), locale), body);
                cell(stages, stage.inputs().stream().map(m -> m.name(locale)).collect(Collectors.joining("、")), body);
                cell(stages, stage.outputFields().stream().map(f -> texts.msg("intake.node-field." + f, locale))
                        .collect(Collectors.joining("、")), body);
            }
            section(document, texts.msg("manual.stages", locale), h2);
            document.add(stages);
            for (Stage stage : chapter.stages()) {
                for (ManualNote note : stage.notes()) {
                    note(document, note, locale, h2, body);
                }
            }
            if (chapter.guideline() != null) {
                section(document, texts.msg("manual.clauses", locale, chapter.guideline().name(locale)), h2);
                PdfPTable clauses = table(new float[] {1.2f, 2, 7}, body, texts.msg("catalogue.guideline.clause", locale),
                        texts.msg("catalogue.guideline.department", locale), texts.msg("catalogue.guideline.text", locale));
                for (GuidelineItem item : chapter.guideline().items()) {
                    cell(clauses, item.clauseNo(), body);
                    cell(clauses, texts.department(item.department().name(), locale), body);
                    cell(clauses, item.text(locale), body);
                }
                document.add(clauses);
            }
        }
        document.newPage();
        found.add(writer.getPageNumber());
        Paragraph log = new Paragraph();
        log.add(anchor("changes", texts.msg("manual.book.change-log", locale), h1));
        document.add(bookmarked(writer, log, texts.msg("manual.book.change-log", locale)));
        PdfPTable entries = table(new float[] {3, 6, 4}, body, texts.msg("manual.chapter", locale), texts.msg("manual.change", locale),
                texts.msg("manual.reason", locale));
        for (ChangeEntry entry : changes) {
            cell(entries, texts.chapter(entry.typeCode(), locale), body);
            cell(entries, texts.describe(entry, locale), body);
            cell(entries, entry.reason() == null ? "" : entry.reason(), body);
        }
        empty(entries, changes.isEmpty(), 3, body);
        document.add(entries);

        document.newPage();
        found.add(writer.getPageNumber());
        Paragraph appendix = new Paragraph();
        appendix.add(anchor("appendix", texts.msg("manual.appendix.title", locale), h1));
        document.add(bookmarked(writer, appendix, texts.msg("manual.appendix.title", locale)));
        PdfPTable table = table(new float[] {2, 2, 2, 5, 3}, body, texts.msg("manual.appendix.order", locale),
                texts.msg("catalogue.guideline.department", locale), texts.msg("manual.appendix.clauses", locale),
                texts.msg("manual.appendix.opinion", locale), texts.msg("manual.appendix.note", locale));
        for (TypicalCase c : cases) {
            cell(table, c.orderNo(), body);
            cell(table, texts.department(c.department(), locale), body);
            cell(table, String.join("、", c.clauses()), body);
            cell(table, c.opinion() == null ? "" : c.opinion(), body);
            cell(table, c.note() == null ? "" : c.note(), body);
        }
        empty(table, cases.isEmpty(), 5, body);
        document.add(table);
        document.close();
        pages.clear();
        pages.addAll(found);
        return out.toByteArray();
    }

    private static void contentsLine(Document document, String text, String target, List<Integer> pages, int index, Font font) {
        Paragraph p = new Paragraph();
        Anchor link = new Anchor(text, font);
        link.setReference("#" + target);
        p.add(link);
        p.add(new Chunk(new com.lowagie.text.pdf.draw.DottedLineSeparator()));
        p.add(new Chunk(index < pages.size() ? String.valueOf(pages.get(index)) : "", font));
        document.add(p);
    }

    private static Anchor anchor(String name, String text, Font font) {
        Anchor anchor = new Anchor(text, font);
        anchor.setName(name);
        return anchor;
    }

    /** The paragraph with an outline entry (bookmark) at its place. */
    private static Paragraph bookmarked(PdfWriter writer, Paragraph paragraph, String title) {
        new com.lowagie.text.pdf.PdfOutline(writer.getRootOutline(), new com.lowagie.text.pdf.PdfDestination(
                com.lowagie.text.pdf.PdfDestination.FITH, writer.getVerticalPosition(true)), title);
        paragraph.setSpacingAfter(4);
        return paragraph;
    }

    private void note(Document document, ManualNote note, Locale locale, Font h2, Font body) {
        Paragraph p = new Paragraph(texts.msg(note.kind().messageKey(), locale) + " · " + note.title()
                + (note.nodeCode() == null ? "" : " (" + texts.node(note.nodeCode(), locale) + ")"), h2);
        p.setSpacingBefore(8);
        document.add(p);
        document.add(new Paragraph(note.body(), body));
    }

    private static void section(Document document, String text, Font font) {
        Paragraph p = new Paragraph(text, font);
        p.setSpacingBefore(10);
        p.setSpacingAfter(4);
        document.add(p);
    }

    private static PdfPTable table(float[] widths, Font font, String... headers) {
        PdfPTable table = new PdfPTable(widths);
        table.setWidthPercentage(100);
        table.setHeaderRows(1);
        Font bold = new Font(font.getBaseFont(), font.getSize(), Font.BOLD);
        for (String header : headers) {
            PdfPCell cell = new PdfPCell(new Phrase(header, bold));
            cell.setBackgroundColor(new Color(0xEE, 0xF2, 0xF7));
            table.addCell(cell);
        }
        return table;
    }

    private static void cell(PdfPTable table, String text, Font font) {
        table.addCell(new PdfPCell(new Phrase(text == null ? "" : text, font)));
    }

    private static void empty(PdfPTable table, boolean empty, int columns, Font font) {
        if (empty) {
            PdfPCell none = new PdfPCell(new Phrase("-", font));
            none.setColspan(columns);
            table.addCell(none);
        }
    }
}

package org.yekuo.deadline.report;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.yekuo.shared.CjkFonts;
import org.yekuo.shared.DomainException;

import com.lowagie.text.Document;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;

/**
 * Writes report tables as an A4 PDF (OpenPDF) with a CJK font embedded as a subset, so that the
 * Chinese text shows on any reader and can be searched and copied.
 *
 * <p>No CJK font ships in the product (a full one is 20 MB): {@code yekuo.reports.pdf-font} names a
 * TrueType/OpenType file or collection, with {@code ,index} for a face of a collection. Unset, the
 * usual Debian locations of Noto Sans CJK SC (package fonts-noto-cjk) and WenQuanYi are tried. Which
 * font is used is logged at start; without one, PDF exports are refused with a message that says
 * what to install or set, and the Excel exports still work.
 */
@Component
public class PdfExport {

    public static final String MEDIA_TYPE = "application/pdf";
    static final List<String> KNOWN_FONTS = CjkFonts.KNOWN;
    private static final Logger log = LoggerFactory.getLogger(PdfExport.class);

    private final String configured;
    private final Optional<String> font;
    private volatile BaseFont baseFont;

    PdfExport(@Value("${yekuo.reports.pdf-font:}") String configured) {
        this.configured = configured.trim();
        this.font = CjkFonts.find(this.configured);
        if (font.isPresent()) {
            log.info("PDF exports embed the CJK font {}", font.get());
        } else if (this.configured.isEmpty()) {
            log.warn("No CJK font found for PDF exports (tried {}): install fonts-noto-cjk or set yekuo.reports.pdf-font; "
                    + "PDF exports are refused until then", KNOWN_FONTS);
        } else {
            log.error("yekuo.reports.pdf-font names {}, which does not exist: PDF exports are refused", this.configured);
        }
    }

    /** The font file in use, or empty when PDF exports are refused. */
    public Optional<String> font() {
        return font;
    }

    public byte[] document(String title, String subtitle, List<ReportTable> tables) {
        BaseFont cjk = baseFont();
        Font titleFont = new Font(cjk, 16, Font.BOLD);
        Font headingFont = new Font(cjk, 12, Font.BOLD);
        Font headerFont = new Font(cjk, 9, Font.BOLD);
        Font cellFont = new Font(cjk, 9);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document document = new Document(PageSize.A4, 36, 36, 42, 42);
        PdfWriter.getInstance(document, out);
        document.addTitle(title);
        document.open();
        Paragraph heading = new Paragraph(title, titleFont);
        heading.setAlignment(Element.ALIGN_CENTER);
        document.add(heading);
        Paragraph sub = new Paragraph(subtitle, cellFont);
        sub.setAlignment(Element.ALIGN_CENTER);
        sub.setSpacingAfter(12);
        document.add(sub);
        for (ReportTable table : tables) {
            Paragraph section = new Paragraph(table.title(), headingFont);
            section.setSpacingBefore(10);
            section.setSpacingAfter(4);
            document.add(section);
            PdfPTable grid = new PdfPTable(table.headers().size());
            grid.setWidthPercentage(100);
            grid.setHeaderRows(1);
            for (String header : table.headers()) {
                PdfPCell cell = new PdfPCell(new Phrase(header, headerFont));
                cell.setBackgroundColor(new Color(0xEE, 0xF2, 0xF7));
                grid.addCell(cell);
            }
            for (List<Object> row : table.rows()) {
                for (Object value : row) {
                    PdfPCell cell = new PdfPCell(new Phrase(value == null ? "" : value.toString(), cellFont));
                    if (value instanceof Number) {
                        cell.setHorizontalAlignment(Element.ALIGN_RIGHT);
                    }
                    grid.addCell(cell);
                }
            }
            if (table.rows().isEmpty()) {
                PdfPCell none = new PdfPCell(new Phrase("-", cellFont));
                none.setColspan(table.headers().size());
                grid.addCell(none);
            }
            document.add(grid);
        }
        document.close();
        return out.toByteArray();
    }

    private BaseFont baseFont() {
        String file = font.orElseThrow(() -> new DomainException(HttpStatus.SERVICE_UNAVAILABLE, "deadline.report.pdf-font-missing",
                configured.isEmpty() ? String.join("; ", KNOWN_FONTS) : configured));
        if (baseFont == null) {
            try {
                baseFont = BaseFont.createFont(file, BaseFont.IDENTITY_H, BaseFont.EMBEDDED);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the PDF font " + file, e);
            }
        }
        return baseFont;
    }
}

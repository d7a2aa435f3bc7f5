package org.yekuo.reporting;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;
import org.yekuo.shared.PdfFont;

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
 * Writes report tables as an A4 PDF (OpenPDF) with the CJK font of {@link PdfFont} embedded as a subset, so
 * that the Chinese text shows on any reader and can be searched and copied.
 * Without a font, PDF exports are refused and the Excel exports still work.
 */
@Component
public class PdfExport {

    public static final String MEDIA_TYPE = "application/pdf";

    private final PdfFont font;

    PdfExport(PdfFont font) {
        this.font = font;
    }

    /** The font file in use, or empty when PDF exports are refused. */
    public Optional<String> font() {
        return font.font();
    }

    public byte[] document(String title, String subtitle, List<ReportTable> tables) {
        BaseFont cjk = font.baseFont();
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
}

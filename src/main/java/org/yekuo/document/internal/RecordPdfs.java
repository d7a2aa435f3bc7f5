package org.yekuo.document.internal;

import java.awt.Color;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import org.springframework.stereotype.Component;
import org.yekuo.document.RecordSheet;
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
 * Lays out a record the product issues as an archival PDF (PDF/A-1b: every font embedded, the sRGB output
 * intent and XMP identification, no transparency), in the product's CJK font, so that it reads the same in
 * any reader years from now and its text can be searched.
 */
@Component
public class RecordPdfs {

    private final PdfFont font;

    RecordPdfs(PdfFont font) {
        this.font = font;
    }

    /**
     * The sheet as a PDF, headed by {@code reference} (the order and what the record is), closed by the
     * {@code signatureLines} that say who signs and how.
     */
    public byte[] write(RecordSheet sheet, String reference, List<String> signatureLines, String footer) {
        BaseFont cjk = font.baseFont();
        Font titleFont = new Font(cjk, 16, Font.BOLD);
        Font labelFont = new Font(cjk, 10, Font.BOLD);
        Font textFont = new Font(cjk, 10);
        Font smallFont = new Font(cjk, 8, Font.NORMAL, new Color(0x55, 0x55, 0x55));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document document = new Document(PageSize.A4, 56, 56, 56, 56);
        PdfWriter writer = PdfWriter.getInstance(document, out);
        writer.setPDFXConformance(PdfWriter.PDFA1B);
        document.addTitle(sheet.title());
        document.addSubject(reference);
        document.addCreator("Yekuo");
        writer.createXmpMetadata();
        document.open();
        try {
            writer.setOutputIntents("Custom", "", "http://www.color.org", "sRGB IEC61966-2.1",
                    ICC_Profile.getInstance(ColorSpace.CS_sRGB));
        } catch (IOException e) {
            throw new UncheckedIOException("The sRGB profile of the platform cannot be read", e);
        }
        Paragraph title = new Paragraph(sheet.title(), titleFont);
        title.setAlignment(Element.ALIGN_CENTER);
        title.setSpacingAfter(6);
        document.add(title);
        Paragraph ref = new Paragraph(reference, smallFont);
        ref.setAlignment(Element.ALIGN_CENTER);
        ref.setSpacingAfter(14);
        document.add(ref);

        PdfPTable grid = new PdfPTable(new float[] {1.2f, 4f});
        grid.setWidthPercentage(100);
        for (RecordSheet.Line line : sheet.lines()) {
            PdfPCell label = new PdfPCell(new Phrase(line.label(), labelFont));
            label.setBackgroundColor(new Color(0xEE, 0xF2, 0xF7));
            label.setPadding(6);
            grid.addCell(label);
            PdfPCell text = new PdfPCell(new Phrase(line.text() == null || line.text().isBlank() ? "-" : line.text(), textFont));
            text.setPadding(6);
            grid.addCell(text);
        }
        document.add(grid);

        if (sheet.closing() != null && !sheet.closing().isBlank()) {
            Paragraph closing = new Paragraph(sheet.closing(), textFont);
            closing.setSpacingBefore(12);
            document.add(closing);
        }
        boolean first = true;
        for (String line : signatureLines) {
            // One paragraph per line, each in the embedded font: PDF/A refuses the default font a line break would use.
            Paragraph signature = new Paragraph(line, textFont);
            signature.setAlignment(Element.ALIGN_RIGHT);
            signature.setSpacingBefore(first ? 28 : 2);
            document.add(signature);
            first = false;
        }
        Paragraph foot = new Paragraph(footer, smallFont);
        foot.setSpacingBefore(24);
        document.add(foot);
        document.close();
        return out.toByteArray();
    }
}

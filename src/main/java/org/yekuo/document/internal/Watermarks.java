package org.yekuo.document.internal;

import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Iterator;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.multipdf.LayerUtility;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.util.Matrix;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.yekuo.document.FileType;
import org.yekuo.shared.PdfFont;

import com.lowagie.text.Element;
import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfContentByte;
import com.lowagie.text.pdf.PdfGState;
import com.lowagie.text.pdf.PdfWriter;

/**
 * Burns a watermark (who, when, "internal") into the bytes that are served, so that a copy on paper or
 * a screen photo names its source (R-DOC-5). A PDF keeps its pages and gets the watermark drawn over each
 * (PDFBox, from a stamp page written with the product's embedded CJK font, {@link PdfFont}); an image is redrawn with the text tiled
 * across it (Java2D), at most {@value #MAX_SIDE} pixels on its longer side.
 */
@Component
public class Watermarks {

    static final int MAX_SIDE = 4096;
    private static final Logger log = LoggerFactory.getLogger(Watermarks.class);

    private final PdfFont font;
    private volatile Font imageFont;

    Watermarks(PdfFont font) {
        this.font = font;
    }

    /**
     * Writes the PDF in {@code source} with {@code text} over every page. A signed PDF gets the watermark
     * as an incremental update after its signatures ({@code keepSignatures}): they stay valid over the bytes
     * they signed, and a verifier reports what was added after them.
     */
    public void pdf(Path source, String text, OutputStream out, boolean keepSignatures) throws IOException {
        try (PDDocument document = Loader.loadPDF(source.toFile(), "", null, null, IOUtils.createTempFileOnlyStreamCache());
                PDDocument stamp = Loader.loadPDF(stamp(text))) {
            PDFormXObject form = new LayerUtility(document).importPageAsForm(stamp, 0);
            PDRectangle stampBox = stamp.getPage(0).getMediaBox();
            for (PDPage page : document.getPages()) {
                PDRectangle box = page.getCropBox();
                try (PDPageContentStream content = new PDPageContentStream(document, page, PDPageContentStream.AppendMode.APPEND,
                        true, true)) {
                    content.saveGraphicsState();
                    content.transform(new Matrix(box.getWidth() / stampBox.getWidth(), 0, 0, box.getHeight() / stampBox.getHeight(),
                            box.getLowerLeftX(), box.getLowerLeftY()));
                    content.drawForm(form);
                    content.restoreGraphicsState();
                }
            }
            if (keepSignatures) {
                document.saveIncremental(out);
            } else {
                document.save(out);
            }
        }
    }

    /** An A4 page with {@code text} tiled across it, faint and slanted, in the embedded CJK font. */
    private byte[] stamp(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Rectangle a4 = new Rectangle(595, 842);
        com.lowagie.text.Document document = new com.lowagie.text.Document(a4);
        PdfWriter writer = PdfWriter.getInstance(document, bytes);
        document.open();
        PdfContentByte canvas = writer.getDirectContent();
        PdfGState faint = new PdfGState();
        faint.setFillOpacity(0.22f);
        canvas.saveState();
        canvas.setGState(faint);
        canvas.beginText();
        canvas.setFontAndSize(pdfFont(), 13);
        canvas.setColorFill(new Color(120, 120, 120));
        for (int row = 0; row < 6; row++) {
            for (int column = 0; column < 2; column++) {
                canvas.showTextAligned(Element.ALIGN_CENTER, text, 150 + column * 300, 80 + row * 140, 30);
            }
        }
        canvas.endText();
        canvas.restoreState();
        writer.setPageEmpty(false);
        document.close();
        return bytes.toByteArray();
    }

    /** Writes the image read from {@code source} with {@code text} tiled across it, as the same type. */
    public void image(InputStream source, FileType type, String text, OutputStream out) throws IOException {
        BufferedImage image = readScaled(source, type);
        BufferedImage marked = new BufferedImage(image.getWidth(), image.getHeight(),
                type == FileType.PNG ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = marked.createGraphics();
        try {
            g.drawImage(image, 0, 0, null);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            int size = Math.max(14, Math.min(image.getWidth(), image.getHeight()) / 28);
            g.setFont(imageFont().deriveFont(Font.PLAIN, size));
            g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, 0.35f));
            int textWidth = g.getFontMetrics().stringWidth(text);
            g.rotate(Math.toRadians(-30), image.getWidth() / 2.0, image.getHeight() / 2.0);
            int diagonal = (int) Math.hypot(image.getWidth(), image.getHeight());
            for (int y = -diagonal; y < diagonal * 2; y += size * 5) {
                for (int x = -diagonal; x < diagonal * 2; x += textWidth + size * 3) {
                    // Light text with a dark edge shows on light and dark photos alike.
                    g.setColor(new Color(0, 0, 0));
                    g.drawString(text, x + 1, y + 1);
                    g.setColor(new Color(255, 255, 255));
                    g.drawString(text, x, y);
                }
            }
        } finally {
            g.dispose();
        }
        write(marked, type, out);
    }

    private static BufferedImage readScaled(InputStream source, FileType type) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(source)) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new IOException("No reader for a stored " + type);
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int longer = Math.max(reader.getWidth(0), reader.getHeight(0));
                ImageReadParam param = reader.getDefaultReadParam();
                int step = (longer + MAX_SIDE - 1) / MAX_SIDE;
                param.setSourceSubsampling(step, step, 0, 0);
                return reader.read(0, param);
            } finally {
                reader.dispose();
            }
        }
    }

    private static void write(BufferedImage image, FileType type, OutputStream out) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName(type == FileType.PNG ? "png" : "jpeg").next();
        try (ImageOutputStream target = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(target);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (type == FileType.JPEG) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(0.9f);
            }
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
    }

    private BaseFont pdfFont() {
        return font.baseFont();
    }

    /** The CJK face for images; without one, the platform's sans serif, which fontconfig maps to what is installed. */
    Font imageFont() {
        if (imageFont == null) {
            imageFont = font.font().map(name -> {
                try {
                    int comma = name.lastIndexOf(',');
                    boolean indexed = comma > 0 && name.substring(comma + 1).chars().allMatch(Character::isDigit);
                    Font[] faces = Font.createFonts(new java.io.File(indexed ? name.substring(0, comma) : name));
                    int index = indexed ? Integer.parseInt(name.substring(comma + 1)) : 0;
                    return faces[Math.min(index, faces.length - 1)];
                } catch (IOException | FontFormatException e) {
                    log.warn("Cannot load the watermark font {} for images; using the platform's sans serif", name, e);
                    return new Font(Font.SANS_SERIF, Font.PLAIN, 12);
                }
            }).orElseGet(() -> new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        }
        return imageFont;
    }
}

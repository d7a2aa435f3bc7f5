package org.yekuo.document.internal;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import javax.imageio.ImageIO;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.springframework.stereotype.Component;

/**
 * A hand signature as a picture and its place in the PDF: the strokes drawn in black on white (no
 * transparency, which PDF/A-1 refuses) over a caption that names the signer, the time and the digest of the
 * version signed, then placed on the record's last page as an incremental update, so the signatures already
 * on it stay valid.
 */
@Component
public class HandSignatureImages {

    /** The drawing area the client's strokes are given in. */
    public static final int WIDTH = 1000;
    public static final int HEIGHT = 400;
    private static final int CAPTION = 60;

    private final Watermarks watermarks;

    HandSignatureImages(Watermarks watermarks) {
        this.watermarks = watermarks;
    }

    /** The strokes (each a list of x, y points within {@value #WIDTH} × {@value #HEIGHT}) with the caption below, as PNG. */
    public byte[] png(List<List<List<Integer>>> strokes, String caption) {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT + CAPTION, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(new Color(0x10, 0x10, 0x30));
            g.setStroke(new BasicStroke(7f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            for (List<List<Integer>> stroke : strokes) {
                Path2D path = new Path2D.Float();
                path.moveTo(stroke.get(0).get(0), stroke.get(0).get(1));
                for (List<Integer> point : stroke) {
                    path.lineTo(point.get(0), point.get(1));
                }
                g.draw(path);
            }
            g.setColor(new Color(0xDD, 0xDD, 0xDD));
            g.fillRect(0, HEIGHT, WIDTH, 2);
            g.setColor(new Color(0x33, 0x33, 0x33));
            g.setFont(watermarks.imageFont().deriveFont(Font.PLAIN, 26f));
            g.drawString(caption, 12, HEIGHT + 40);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * {@code pdf} with {@code png} placed in the signature row at the foot of its last page, the
     * {@code slot}-th from the left, as an incremental update.
     */
    public byte[] place(byte[] pdf, byte[] png, int slot) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDPage page = document.getPage(document.getNumberOfPages() - 1);
            PDImageXObject image = PDImageXObject.createFromByteArray(document, png, "hand-signature.png");
            float width = 160;
            float height = width * (HEIGHT + CAPTION) / WIDTH;
            float x = 56 + (slot % 3) * (width + 12);
            float y = 56 + (slot / 3) * (height + 10);
            try (PDPageContentStream content = new PDPageContentStream(document, page, PDPageContentStream.AppendMode.APPEND,
                    true, true)) {
                content.drawImage(image, x, y, width, height);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(pdf.length + png.length + 4096);
            document.saveIncremental(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot place the hand signature", e);
        }
    }
}

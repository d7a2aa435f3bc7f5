package org.yekuo.licence.internal;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.image.JPEGFactory;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.yekuo.shared.DomainException;

/**
 * The pages of what was scanned or photographed: each image is a page, each page of a PDF is one. A page keeps
 * its original bytes (to be archived) and an image to read. Pages that turn out to be the same material are
 * bound back into one PDF, so that a two-sided ID card or a licence with its annex is one document. Sizes are
 * checked from the headers before anything is decoded; the archive inspects every file again when it keeps it.
 */
public final class ScannedPages {

    /** A page: where it came from, its image to read, and its bytes as a single image or a one-page PDF. */
    public record Page(String fileName, int pageNo, BufferedImage image, byte[] bytes, boolean pdf) {
    }

    static final long MAX_PIXELS = 60_000_000L;
    static final int RENDER_DPI = 200;

    private ScannedPages() {
    }

    /**
     * The pages of one file, or a refusal naming the file when it is neither a JPEG/PNG image nor a PDF, is too
     * large to be a scan, or has more pages than {@code maxPages}.
     */
    public static List<Page> of(String fileName, byte[] bytes, int maxPages) {
        if (bytes.length == 0) {
            throw DomainException.invalid("file", "licence.scan.empty", fileName);
        }
        if (bytes.length > 4 && bytes[0] == '%' && bytes[1] == 'P' && bytes[2] == 'D' && bytes[3] == 'F') {
            return pdfPages(fileName, bytes, maxPages);
        }
        return List.of(new Page(fileName, 1, image(fileName, bytes), bytes, false));
    }

    private static BufferedImage image(String fileName, byte[] bytes) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = in == null ? java.util.Collections.emptyIterator() : ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw DomainException.invalid("file", "licence.scan.not-an-image", fileName);
            }
            ImageReader reader = readers.next();
            String format = reader.getFormatName().toLowerCase();
            if (!format.equals("jpeg") && !format.equals("png")) {
                throw DomainException.invalid("file", "licence.scan.not-an-image", fileName);
            }
            try {
                reader.setInput(in, true, true);
                if ((long) reader.getWidth(0) * reader.getHeight(0) > MAX_PIXELS) {
                    throw DomainException.invalid("file", "licence.scan.too-large", fileName);
                }
                return reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof DomainException domain) {
                throw domain;
            }
            throw DomainException.invalid("file", "licence.scan.not-an-image", fileName);
        }
    }

    private static List<Page> pdfPages(String fileName, byte[] bytes, int maxPages) {
        try (PDDocument pdf = Loader.loadPDF(bytes, "", null, null, IOUtils.createTempFileOnlyStreamCache())) {
            if (pdf.isEncrypted()) {
                throw DomainException.invalid("file", "licence.scan.encrypted", fileName);
            }
            if (pdf.getNumberOfPages() > maxPages) {
                throw DomainException.invalid("file", "licence.scan.too-many-pages", fileName, maxPages);
            }
            PDFRenderer renderer = new PDFRenderer(pdf);
            List<Page> pages = new ArrayList<>();
            for (int i = 0; i < pdf.getNumberOfPages(); i++) {
                PDRectangle box = pdf.getPage(i).getMediaBox();
                if ((double) box.getWidth() * box.getHeight() * RENDER_DPI * RENDER_DPI / (72.0 * 72.0) > MAX_PIXELS) {
                    throw DomainException.invalid("file", "licence.scan.too-large", fileName);
                }
                BufferedImage image = renderer.renderImageWithDPI(i, RENDER_DPI, ImageType.GRAY);
                try (PDDocument single = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
                    single.importPage(pdf.getPage(i));
                    single.save(out);
                    pages.add(new Page(fileName, i + 1, image, out.toByteArray(), true));
                }
            }
            return pages;
        } catch (IOException e) {
            throw DomainException.invalid("file", "licence.scan.not-an-image", fileName);
        }
    }

    /** One page as it was; several bound into one PDF, each image on a page of its own size. */
    public static byte[] bound(List<Page> pages) {
        if (pages.size() == 1) {
            return pages.get(0).bytes();
        }
        // An imported page still reads from its source document: the sources stay open until the PDF is written.
        List<PDDocument> sources = new ArrayList<>();
        try (PDDocument out = new PDDocument(); ByteArrayOutputStream bytes = new ByteArrayOutputStream()) {
            for (Page page : pages) {
                if (page.pdf()) {
                    PDDocument single = Loader.loadPDF(page.bytes());
                    sources.add(single);
                    out.importPage(single.getPage(0));
                    continue;
                }
                PDImageXObject image = isJpeg(page.bytes()) ? JPEGFactory.createFromByteArray(out, page.bytes())
                        : LosslessFactory.createFromImage(out, page.image());
                // Scans and photos are placed at 150 dpi: an A4 scan at 150 dpi lands on an A4 page.
                float width = image.getWidth() * 72f / 150;
                float height = image.getHeight() * 72f / 150;
                PDPage pdfPage = new PDPage(new PDRectangle(width, height));
                out.addPage(pdfPage);
                try (PDPageContentStream content = new PDPageContentStream(out, pdfPage)) {
                    content.drawImage(image, 0, 0, width, height);
                }
            }
            out.save(bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            for (PDDocument source : sources) {
                try {
                    source.close();
                } catch (IOException ignored) {
                    // Read from memory: nothing to release beyond the heap.
                }
            }
        }
    }

    private static boolean isJpeg(byte[] bytes) {
        return bytes.length > 2 && (bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xd8;
    }
}

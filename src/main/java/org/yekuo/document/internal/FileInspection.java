package org.yekuo.document.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.xml.parsers.DocumentBuilderFactory;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSObjectKey;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.tika.detect.Detector;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;
import org.apache.tika.mime.MimeTypes;
import org.springframework.stereotype.Component;
import org.yekuo.document.FilePolicy;
import org.yekuo.document.FileType;
import org.yekuo.shared.DomainException;

/**
 * Decides what a file is (R-DOC-1): Apache Tika names its type from its content, never its name, and then
 * the file is parsed whole by what would open it (PDFBox for a PDF, ImageIO for an image, the ZIP directory
 * and {@code OFD.xml} for an OFD). Refused, naming the field {@code file}: empty or oversize files,
 * executables and scripts, files of another kind than allowed, malformed files, polyglots (a file that is
 * also another kind of file), decompression bombs, PDFs that are encrypted or carry JavaScript, launch
 * actions or embedded files, and OFD packages with paths out of the package or entries that are not
 * documents.
 */
@Component
public class FileInspection {

    /** Beyond this many pixels an image is a decompression bomb rather than a scan (a 600 dpi A3 page has 70 million). */
    static final long MAX_PIXELS = 120_000_000L;
    /** An OFD's entries unpacked together may be at most this large, and at most this many. */
    static final long MAX_OFD_UNPACKED = 200L * 1024 * 1024;
    static final int MAX_OFD_ENTRIES = 5_000;
    /** An entry that unpacks to more than this many times its packed size is a bomb, not a document. */
    static final int MAX_OFD_RATIO = 200;
    private static final Set<String> OFD_ENTRY_TYPES = Set.of("xml", "png", "jpg", "jpeg", "bmp", "tif", "tiff", "gif",
            "jb2", "ttf", "otf", "ttc", "dat", "esl", "svg");
    private static final List<MediaType> EXECUTABLE = List.of("application/x-elf", "application/x-dosexec",
            "application/x-msdownload", "application/java-vm", "application/java-archive", "application/x-sh",
            "application/x-bat", "application/x-mach-o", "application/x-mach-o-universal", "application/x-ms-installer",
            "text/javascript", "application/x-shar").stream().map(MediaType::parse).toList();
    private static final COSName JAVA_SCRIPT = COSName.getPDFName("JavaScript");
    private static final COSName LAUNCH = COSName.getPDFName("Launch");
    private static final COSName EMBEDDED_FILE = COSName.getPDFName("EmbeddedFile");
    private static final COSName EF = COSName.getPDFName("EF");
    private static final COSName JS = COSName.getPDFName("JS");

    private final MimeTypes types = MimeTypes.getDefaultMimeTypes();
    private final Detector detector = types;
    private final MediaTypeRegistry registry = types.getMediaTypeRegistry();

    /** The file's type, if the file is acceptable under {@code policy}; refuses otherwise. */
    public FileType inspect(Path file, FilePolicy policy) {
        try {
            long size = Files.size(file);
            if (size == 0) {
                throw refused("document.file.empty");
            }
            if (size > policy.maxBytes()) {
                throw DomainException.invalid("file", "document.file.too-large", Math.max(1, policy.maxBytes() / 1024 / 1024));
            }
            FileType type = detect(file).filter(policy.allowed()::contains)
                    .orElseThrow(() -> DomainException.invalid("file", policy.kindRefusal()));
            switch (type) {
                case PDF -> checkPdf(file);
                case JPEG, PNG -> checkImage(file, type);
                case OFD -> checkOfd(file);
            }
            return type;
        } catch (IOException e) {
            throw refused("document.file.malformed");
        }
    }

    private java.util.Optional<FileType> detect(Path file) throws IOException {
        MediaType detected;
        try (TikaInputStream in = TikaInputStream.get(file)) {
            detected = detector.detect(in, new Metadata());
        }
        if (EXECUTABLE.stream().anyMatch(e -> registry.isInstanceOf(detected.getBaseType(), e))) {
            throw refused("document.file.executable");
        }
        byte[] head = head(file, 1024);
        // A PDF reader finds "%PDF-" anywhere in the first kilobyte: such a file is a PDF to it, whatever else it is.
        boolean pdfHeader = indexOf(head, "%PDF-".getBytes(StandardCharsets.US_ASCII)) >= 0;
        String name = detected.getBaseType().toString();
        if ("application/pdf".equals(name)) {
            if (!startsWith(head, "%PDF-")) {
                throw refused("document.file.polyglot");
            }
            return java.util.Optional.of(FileType.PDF);
        }
        if (pdfHeader) {
            throw refused("document.file.polyglot");
        }
        return switch (name) {
            case "image/jpeg" -> java.util.Optional.of(FileType.JPEG);
            case "image/png" -> java.util.Optional.of(FileType.PNG);
            case "application/zip", "application/x-tika-ooxml", "application/x-tika-msoffice" ->
                    hasOfdRoot(file) ? java.util.Optional.of(FileType.OFD) : java.util.Optional.empty();
            default -> java.util.Optional.empty();
        };
    }

    private void checkPdf(Path file) throws IOException {
        // Whatever follows the last %%EOF beyond blank space is another file riding along (a ZIP, say).
        byte[] tail = tail(file, 1024);
        int eof = lastIndexOf(tail, "%%EOF".getBytes(StandardCharsets.US_ASCII));
        if (eof < 0) {
            throw refused("document.file.malformed");
        }
        for (int i = eof + 5; i < tail.length; i++) {
            if (!Character.isWhitespace(tail[i]) && tail[i] != 0) {
                throw refused("document.file.polyglot");
            }
        }
        try (PDDocument pdf = Loader.loadPDF(file.toFile(), "", null, null, IOUtils.createTempFileOnlyStreamCache())) {
            if (pdf.isEncrypted()) {
                throw refused("document.file.pdf-encrypted");
            }
            if (pdf.getNumberOfPages() < 1) {
                throw refused("document.file.malformed");
            }
            for (COSObjectKey key : pdf.getDocument().getXrefTable().keySet()) {
                COSObject object = pdf.getDocument().getObjectFromPool(key);
                if (object != null && object.getObject() instanceof COSDictionary dictionary) {
                    checkPdfObject(dictionary);
                }
            }
            // Objects written straight into others (an inline /OpenAction, say) are not in the table.
            checkPdfObject(pdf.getDocumentCatalog().getCOSObject());
            pdf.getPages().forEach(page -> checkPdfObject(page.getCOSObject()));
        } catch (InvalidPasswordException e) {
            throw refused("document.file.pdf-encrypted");
        } catch (IOException | RuntimeException e) {
            if (e instanceof DomainException domain) {
                throw domain;
            }
            throw refused("document.file.malformed");
        }
    }

    /** Refuses a dictionary (and the dictionaries directly inside it) that is script, a launch or a file. */
    private void checkPdfObject(COSDictionary dictionary) {
        checkPdfDictionary(dictionary, 0);
    }

    private void checkPdfDictionary(COSDictionary dictionary, int depth) {
        COSName subtype = dictionary.getCOSName(COSName.S);
        if (JAVA_SCRIPT.equals(subtype) || dictionary.containsKey(JS) || dictionary.containsKey(JAVA_SCRIPT)) {
            throw refused("document.file.pdf-script");
        }
        if (LAUNCH.equals(subtype)) {
            throw refused("document.file.pdf-launch");
        }
        if (EMBEDDED_FILE.equals(dictionary.getCOSName(COSName.TYPE)) || dictionary.containsKey(EF)
                || dictionary.containsKey(COSName.EMBEDDED_FILES)) {
            throw refused("document.file.pdf-embedded");
        }
        if (depth < 4) {
            for (COSBase value : dictionary.getValues()) {
                if (value instanceof COSDictionary inner) {
                    checkPdfDictionary(inner, depth + 1);
                }
            }
        }
    }

    private void checkImage(Path file, FileType type) throws IOException {
        byte[] tail = tail(file, 64);
        int end = tail.length;
        while (end > 0 && tail[end - 1] == 0) {
            end--;
        }
        boolean complete = type == FileType.JPEG
                ? end >= 2 && (tail[end - 2] & 0xFF) == 0xFF && (tail[end - 1] & 0xFF) == 0xD9
                : end >= 8 && new String(tail, end - 8, 4, StandardCharsets.ISO_8859_1).equals("IEND");
        if (!complete) {
            // Cut off, or another file (a ZIP, say) appended after the image's end.
            throw refused("document.file.polyglot-or-truncated");
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(type == FileType.JPEG ? "jpeg" : "png");
            if (in == null || !readers.hasNext()) {
                throw refused("document.file.malformed");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long width = reader.getWidth(0);
                long height = reader.getHeight(0);
                if (width < 1 || height < 1 || width * height > MAX_PIXELS) {
                    throw refused("document.file.image-too-large");
                }
                // Decoding every row proves the file whole; subsampling keeps what is held small.
                ImageReadParam param = reader.getDefaultReadParam();
                int step = (int) Math.max(1, Math.max(width, height) / 1024);
                param.setSourceSubsampling(step, step, 0, 0);
                reader.read(0, param);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof DomainException domain) {
                throw domain;
            }
            throw refused("document.file.malformed");
        }
    }

    private boolean hasOfdRoot(Path file) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            return zip.getEntry("OFD.xml") != null;
        } catch (IOException e) {
            return false;
        }
    }

    private void checkOfd(Path file) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            long unpacked = 0;
            int entries = 0;
            Enumeration<? extends ZipEntry> all = zip.entries();
            while (all.hasMoreElements()) {
                ZipEntry entry = all.nextElement();
                if (++entries > MAX_OFD_ENTRIES) {
                    throw refused("document.file.bomb");
                }
                String name = entry.getName();
                if (name.startsWith("/") || name.contains("\\") || name.contains("..") || name.contains(":")) {
                    throw refused("document.file.ofd-path");
                }
                if (entry.isDirectory()) {
                    continue;
                }
                String extension = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT) : "";
                if (!OFD_ENTRY_TYPES.contains(extension)) {
                    throw refused("document.file.ofd-entry");
                }
                // Counted as unpacked, never trusting the sizes the directory claims.
                long entryBytes = 0;
                try (InputStream in = zip.getInputStream(entry)) {
                    byte[] buffer = new byte[8192];
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        entryBytes += n;
                        unpacked += n;
                        if (unpacked > MAX_OFD_UNPACKED
                                || entryBytes > 1024 * 1024 && entryBytes > Math.max(1, entry.getCompressedSize()) * MAX_OFD_RATIO) {
                            throw refused("document.file.bomb");
                        }
                    }
                }
            }
            try (InputStream root = zip.getInputStream(zip.getEntry("OFD.xml"))) {
                DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
                factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
                factory.setNamespaceAware(true);
                org.w3c.dom.Element element = factory.newDocumentBuilder().parse(root).getDocumentElement();
                if (!"OFD".equals(element.getLocalName())) {
                    throw refused("document.file.malformed");
                }
            } catch (javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException e) {
                throw refused("document.file.malformed");
            }
        } catch (ZipException e) {
            throw refused("document.file.malformed");
        }
    }

    private static DomainException refused(String code) {
        return DomainException.invalid("file", code);
    }

    private static byte[] head(Path file, int length) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(length);
        }
    }

    private static byte[] tail(Path file, int length) throws IOException {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long from = Math.max(0, in.length() - length);
            byte[] bytes = new byte[(int) (in.length() - from)];
            in.seek(from);
            in.readFully(bytes);
            return bytes;
        }
    }

    private static boolean startsWith(byte[] bytes, String prefix) {
        byte[] p = prefix.getBytes(StandardCharsets.US_ASCII);
        return bytes.length >= p.length && indexOf(java.util.Arrays.copyOf(bytes, p.length), p) == 0;
    }

    private static int indexOf(byte[] bytes, byte[] wanted) {
        outer:
        for (int i = 0; i + wanted.length <= bytes.length; i++) {
            for (int j = 0; j < wanted.length; j++) {
                if (bytes[i + j] != wanted[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static int lastIndexOf(byte[] bytes, byte[] wanted) {
        for (int i = bytes.length - wanted.length; i >= 0; i--) {
            if (indexOf(java.util.Arrays.copyOfRange(bytes, i, i + wanted.length), wanted) == 0) {
                return i;
            }
        }
        return -1;
    }
}

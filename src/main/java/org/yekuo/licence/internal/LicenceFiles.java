package org.yekuo.licence.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.yekuo.licence.FetchedLicence;
import org.yekuo.licence.LicenceKind;
import org.yekuo.shared.PdfFont;

import com.lowagie.text.Document;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.pdf.PdfWriter;

/**
 * Writes a simulated licence's file as the platform issues it: an OFD package (GB/T 33190: {@code OFD.xml}
 * pointing at a document whose one page carries the licence's lines as text objects) or, for an ID record
 * where a CJK font is installed, a PDF.
 */
final class LicenceFiles {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy年MM月dd日");

    private LicenceFiles() {
    }

    static FetchedLicence.LicenceFile of(FetchedLicence licence, PdfFont font) {
        Map<String, String> lines = lines(licence);
        if (licence.kind() == LicenceKind.ID_RECORD && font.font().isPresent()) {
            return new FetchedLicence.LicenceFile(licence.licenceNo() + ".pdf", pdf(title(licence.kind()), lines, font));
        }
        return new FetchedLicence.LicenceFile(licence.licenceNo() + ".ofd", ofd(title(licence.kind()), lines));
    }

    static String title(LicenceKind kind) {
        return switch (kind) {
            case BUSINESS_LICENCE -> "营业执照";
            case PROPERTY_CERTIFICATE -> "不动产权证书";
            case ID_RECORD -> "居民身份证电子证照";
        };
    }

    // The licence's own printed labels, in Chinese as the issuing platform fixes them whatever the reader's language: they
    // are the document's content, not Yekuo's text, and OCR reads them back by these words.
    private static Map<String, String> lines(FetchedLicence l) {
        Map<String, String> lines = new LinkedHashMap<>();
        lines.put("证照编号", l.licenceNo());
        lines.put(l.kind() == LicenceKind.ID_RECORD ? "公民身份号码" : "统一社会信用代码/身份号码", l.holderCode());
        lines.put(l.kind() == LicenceKind.PROPERTY_CERTIFICATE ? "权利人" : "名称", l.name());
        if (l.legalRepresentative() != null) {
            lines.put("法定代表人", l.legalRepresentative());
        }
        if (l.registeredCapital() != null) {
            lines.put("注册资本", l.registeredCapital().toPlainString() + "万元");
        }
        if (l.address() != null) {
            lines.put("住所", l.address());
        }
        if (l.propertyLocation() != null) {
            lines.put("坐落", l.propertyLocation());
            lines.put("面积", l.propertyArea().toPlainString() + "平方米");
        }
        lines.put("有效期限", DAY.format(l.validFrom()) + " 至 " + (l.validUntil() == null ? "长期" : DAY.format(l.validUntil())));
        lines.put("发证机关", l.issuer());
        return lines;
    }

    private static byte[] ofd(String title, Map<String, String> lines) {
        StringBuilder content = new StringBuilder();
        int y = 20;
        long id = 10;
        content.append(textObject(id++, 20, y, 8, title));
        for (Map.Entry<String, String> line : lines.entrySet()) {
            y += 10;
            content.append(textObject(id++, 20, y, 4, line.getKey() + "：" + line.getValue()));
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
            entry(zip, "OFD.xml", """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016" Version="1.0" DocType="OFD">
                      <ofd:DocBody><ofd:DocInfo><ofd:DocID>%s</ofd:DocID><ofd:Title>%s</ofd:Title><ofd:Creator>电子证照共享平台（模拟）</ofd:Creator></ofd:DocInfo>
                      <ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody>
                    </ofd:OFD>""".formatted(escape(lines.get("证照编号")), escape(title)));
            entry(zip, "Doc_0/Document.xml", """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <ofd:Document xmlns:ofd="http://www.ofdspec.org/2016">
                      <ofd:CommonData><ofd:MaxUnitID>%d</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea></ofd:CommonData>
                      <ofd:Pages><ofd:Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/></ofd:Pages>
                    </ofd:Document>""".formatted(id));
            entry(zip, "Doc_0/Pages/Page_0/Content.xml", """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Content><ofd:Layer ID="2">%s</ofd:Layer></ofd:Content></ofd:Page>"""
                    .formatted(content));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static String textObject(long id, int x, int y, int size, String text) {
        return "<ofd:TextObject ID=\"%d\" Boundary=\"%d %d 170 %d\" Size=\"%d\"><ofd:TextCode X=\"0\" Y=\"%d\">%s</ofd:TextCode></ofd:TextObject>"
                .formatted(id, x, y, size + 2, size, size, escape(text));
    }

    private static void entry(ZipOutputStream zip, String name, String xml) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(xml.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    private static byte[] pdf(String title, Map<String, String> lines, PdfFont font) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document document = new Document(PageSize.A5.rotate(), 36, 36, 36, 36);
        PdfWriter.getInstance(document, out);
        document.addTitle(title);
        document.open();
        document.add(new Paragraph(title, new Font(font.baseFont(), 16, Font.BOLD)));
        Font text = new Font(font.baseFont(), 10);
        lines.forEach((label, value) -> document.add(new Paragraph(label + "：" + value, text)));
        document.close();
        return out.toByteArray();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}

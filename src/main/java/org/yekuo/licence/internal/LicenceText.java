package org.yekuo.licence.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yekuo.intake.ResidentIdNumber;
import org.yekuo.intake.UnifiedSocialCreditCode;
import org.yekuo.licence.PaperKind;
import org.yekuo.licence.ReadField;
import org.yekuo.licence.TextRecognizer.Line;
import org.yekuo.licence.TextRecognizer.Word;
import org.yekuo.shared.DomainException;

/**
 * Turns the lines OCR read into what the paper is and its fields (R-LIC-3, R-DOC-1). The kind comes from the
 * words only that kind prints (a business licence's 统一社会信用代码 and 法定代表人, a property certificate's
 * 不动产单元号 and 坐落, an ID card's 公民身份号码 and 民族), not from where the file was dropped. A field is the
 * rest of the line its printed label starts, tolerating one misread character in a label; its confidence is that
 * of its least certain character. Numbers with a check character are checked with the same rules as typed ones.
 */
public final class LicenceText {

    /** What the paper is, when it is one we read, and its fields in the kind's order. */
    public record Result(Optional<PaperKind> kind, List<ReadField> fields, String text) {
    }

    private static final Map<PaperKind, List<String>> MARKS = new EnumMap<>(Map.of(
            PaperKind.BUSINESS_LICENCE, List.of("营业执照", "统一社会信用代码", "法定代表人", "注册资本", "营业期限", "登记机关"),
            PaperKind.PROPERTY_CERTIFICATE, List.of("不动产权证书", "不动产单元号", "权利人", "坐落", "共有情况", "权利类型", "房屋所有权证"),
            PaperKind.ID_CARD, List.of("公民身份号码", "民族", "出生", "住址", "姓名", "性别")));

    private static final Map<String, List<String>> LABELS = Map.ofEntries(
            Map.entry("BUSINESS_LICENCE.creditCode", List.of("统一社会信用代码")),
            Map.entry("BUSINESS_LICENCE.name", List.of("名称")),
            Map.entry("BUSINESS_LICENCE.companyType", List.of("类型")),
            Map.entry("BUSINESS_LICENCE.legalRepresentative", List.of("法定代表人", "经营者", "负责人")),
            Map.entry("BUSINESS_LICENCE.registeredCapital", List.of("注册资本")),
            Map.entry("BUSINESS_LICENCE.establishedOn", List.of("成立日期")),
            Map.entry("BUSINESS_LICENCE.validity", List.of("营业期限")),
            Map.entry("BUSINESS_LICENCE.address", List.of("住所", "经营场所")),
            Map.entry("PROPERTY_CERTIFICATE.owner", List.of("权利人")),
            Map.entry("PROPERTY_CERTIFICATE.location", List.of("坐落")),
            Map.entry("PROPERTY_CERTIFICATE.unitNo", List.of("不动产单元号")),
            Map.entry("PROPERTY_CERTIFICATE.use", List.of("用途")),
            Map.entry("PROPERTY_CERTIFICATE.area", List.of("面积")),
            Map.entry("ID_CARD.name", List.of("姓名")),
            Map.entry("ID_CARD.sex", List.of("性别")),
            Map.entry("ID_CARD.birthDate", List.of("出生")),
            Map.entry("ID_CARD.address", List.of("住址")),
            Map.entry("ID_CARD.idNumber", List.of("公民身份号码")));

    private static final List<String> OTHER_ROWS = List.of("权利类型", "共有情况", "权利性质", "使用期限", "登记机关", "经营范围", "签发机关",
            "有效期限");
    private static final Pattern CERTIFICATE_NO = Pattern.compile("[^\\s]*不动产权第\\d+号");
    /** 18 characters that read as a code once confused letters are mapped, found in the line as OCR wrote it. */
    private static final Pattern CODE_LIKE = Pattern.compile("[0-9A-Za-z|×]{18}");
    private static final Pattern ID_LIKE = Pattern.compile("[0-9OoIl|]{17}[0-9OoIl|Xx×]");
    private static final Pattern AREA = Pattern.compile("\\d+(\\.\\d+)?平方米");
    private static final String STRAY = "“”\"'|‘’`~!！-—_=•·";
    private static final Pattern BIRTH = Pattern.compile("(\\d{4})年(\\d{1,2})月(\\d{1,2})日");
    private static final String TRIM = " :：,，.。、|·-—_'\"“”";

    private LicenceText() {
    }

    public static Result read(List<Line> lines) {
        List<Chars> rows = lines.stream().map(LicenceText::cleaned).filter(c -> !c.text().isEmpty()).toList();
        StringBuilder all = new StringBuilder();
        rows.forEach(r -> all.append(r.text()).append('\n'));
        Optional<PaperKind> kind = kind(all.toString());
        if (kind.isEmpty()) {
            return new Result(Optional.empty(), List.of(), all.toString());
        }
        Map<String, ReadField> fields = new LinkedHashMap<>();
        kind.get().fields().forEach(f -> fields.put(f, ReadField.missing(f)));
        // Labels read exactly claim their lines first; a misread label may then match only a line left over.
        java.util.Set<Chars> claimed = new java.util.HashSet<>();
        // Rows the paper prints but we do not read must not lend their line to a similar label.
        rows.stream().filter(r -> OTHER_ROWS.stream().anyMatch(r.text()::startsWith)).forEach(claimed::add);
        for (boolean exact : new boolean[] {true, false}) {
            for (String field : kind.get().fields()) {
                List<String> labels = LABELS.get(kind.get().name() + "." + field);
                if (labels == null || fields.get(field).found()) {
                    continue;
                }
                for (Chars row : rows) {
                    if (claimed.contains(row)) {
                        continue;
                    }
                    Optional<Chars> value = row.after(labels, exact);
                    if (value.isPresent() && !value.get().text().isEmpty()) {
                        fields.put(field, value.get().field(field));
                        claimed.add(row);
                        break;
                    }
                }
            }
        }
        switch (kind.get()) {
            case BUSINESS_LICENCE -> creditCode(fields, rows);
            case PROPERTY_CERTIFICATE -> propertyCertificate(fields, rows);
            case ID_CARD -> idCard(fields, rows);
        }
        return new Result(kind, List.copyOf(fields.values()), all.toString());
    }

    /** The kind whose marks appear most often, if at least two of them do: one word alone is no licence. */
    static Optional<PaperKind> kind(String text) {
        Map<PaperKind, Integer> scores = new EnumMap<>(PaperKind.class);
        MARKS.forEach((kind, marks) -> scores.put(kind, (int) marks.stream().filter(text::contains).count()));
        return scores.entrySet().stream().filter(e -> e.getValue() >= 2).max(Map.Entry.comparingByValue()).map(Map.Entry::getKey);
    }

    private static void creditCode(Map<String, ReadField> fields, List<Chars> rows) {
        ReadField read = fields.get("creditCode");
        if (!read.found()) {
            // The label may be misread beyond recognition: any 18 characters of the code's alphabet will do.
            for (Chars row : rows) {
                Matcher m = CODE_LIKE.matcher(row.text());
                if (m.find()) {
                    read = row.slice(m.start(), m.end()).field("creditCode");
                    break;
                }
            }
        }
        if (!read.found()) {
            return;
        }
        String code = codeCharacters(read.value());
        read = new ReadField(read.name(), code, read.confidence(), null);
        try {
            UnifiedSocialCreditCode.parse("creditCode", code);
            fields.put("creditCode", read.proven());
        } catch (DomainException e) {
            fields.put("creditCode", read.withProblem("licence.ocr.problem.credit-code"));
        }
    }

    private static void propertyCertificate(Map<String, ReadField> fields, List<Chars> rows) {
        for (Chars row : rows) {
            Matcher m = CERTIFICATE_NO.matcher(row.text());
            if (m.find()) {
                fields.put("certificateNo", row.slice(m.start(), m.end()).field("certificateNo"));
                break;
            }
        }
        if (!fields.get("area").found()) {
            // The area is a number of square metres even where its label was lost.
            for (Chars row : rows) {
                Matcher m = AREA.matcher(row.text());
                if (m.find()) {
                    fields.put("area", row.slice(m.start(), m.end()).field("area").withProblem("licence.ocr.problem.label"));
                    break;
                }
            }
        }
        ReadField unit = fields.get("unitNo");
        if (unit.found()) {
            fields.put("unitNo", new ReadField("unitNo", codeCharacters(unit.value()), unit.confidence(), null));
        }
    }

    private static void idCard(Map<String, ReadField> fields, List<Chars> rows) {
        // 性别 and 民族 share a line: the sex is what lies between the two labels.
        for (Chars row : rows) {
            int ethnicityAt = row.text().indexOf("民族");
            int labelLength = 2;
            if (ethnicityAt < 0) {
                ethnicityAt = row.text().indexOf('族');
                labelLength = 1;
            }
            if (ethnicityAt > 0 && row.after(List.of("性别")).isPresent()) {
                Chars sexPart = row.slice(0, ethnicityAt).after(List.of("性别")).orElse(row.slice(0, 0));
                fields.put("sex", sexPart.field("sex"));
                fields.put("ethnicity", row.slice(ethnicityAt + labelLength, row.text().length()).field("ethnicity"));
                break;
            }
        }
        ReadField id = fields.get("idNumber");
        if (!id.found()) {
            for (Chars row : rows) {
                Matcher m = ID_LIKE.matcher(row.text());
                if (m.find()) {
                    id = row.slice(m.start(), m.end()).field("idNumber");
                    break;
                }
            }
        }
        if (!id.found()) {
            return;
        }
        String number = codeCharacters(id.value());
        id = new ReadField("idNumber", number, id.confidence(), null);
        try {
            ResidentIdNumber.parse("idNumber", number);
            fields.put("idNumber", id.proven());
        } catch (DomainException e) {
            fields.put("idNumber", id.withProblem("licence.ocr.problem.id-number"));
            return;
        }
        // A checked ID number proves or disproves the birth date and the sex printed beside it.
        ReadField birth = fields.get("birthDate");
        Matcher m = BIRTH.matcher(birth.value());
        if (birth.found() && (!m.matches() || !number.substring(6, 14).equals(
                m.group(1) + String.format("%02d%02d", Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)))))) {
            fields.put("birthDate", birth.withProblem("licence.ocr.problem.birth-date"));
        } else if (birth.found()) {
            fields.put("birthDate", birth.proven());
        }
        ReadField sex = fields.get("sex");
        String expected = (number.charAt(16) - '0') % 2 == 1 ? "男" : "女";
        if (sex.found()) {
            fields.put("sex", sex.value().equals(expected) ? sex.proven() : sex.withProblem("licence.ocr.problem.sex"));
        }
    }

    /** The characters of a code as OCR confuses them: letters the alphabet leaves out read as the digits they resemble. */
    static String codeCharacters(String raw) {
        StringBuilder code = new StringBuilder();
        for (char c : raw.toUpperCase().toCharArray()) {
            switch (c) {
                case 'O' -> code.append('0');
                case 'I', '|' -> code.append('1');
                case 'S' -> code.append('5');
                case 'Z' -> code.append('2');
                case 'V' -> code.append('U');
                case '×', 'Ⅹ' -> code.append('X');
                default -> {
                    if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z')) {
                        code.append(c);
                    }
                }
            }
        }
        return code.toString();
    }

    /** A line's characters, each with the confidence of the word it came from. */
    record Chars(String text, double[] confidence) {

        Optional<Chars> after(List<String> labels) {
            return after(labels, false);
        }

        Optional<Chars> after(List<String> labels, boolean exact) {
            for (String label : labels) {
                int end = exact ? (text.startsWith(label) ? label.length() : -1) : labelEnd(label);
                if (end >= 0) {
                    return Optional.of(slice(end, text.length()));
                }
            }
            return Optional.empty();
        }

        /** Where a label that starts the line ends: exactly, or with one character misread, left out or added. */
        private int labelEnd(String label) {
            if (text.startsWith(label)) {
                return label.length();
            }
            if (label.length() < 3) {
                return -1;
            }
            int best = -1;
            int bestDistance = 2;
            for (int length : new int[] {label.length(), label.length() + 1, label.length() - 1}) {
                if (length <= text.length()) {
                    int d = distance(text.substring(0, length), label);
                    if (d < bestDistance) {
                        best = length;
                        bestDistance = d;
                    }
                }
            }
            return best;
        }

        Chars slice(int from, int to) {
            double[] part = new double[to - from];
            System.arraycopy(confidence, from, part, 0, to - from);
            return new Chars(text.substring(from, to), part);
        }

        ReadField field(String name) {
            int from = 0;
            int to = text.length();
            while (from < to && TRIM.indexOf(text.charAt(from)) >= 0) {
                from++;
            }
            while (to > from && TRIM.indexOf(text.charAt(to - 1)) >= 0) {
                to--;
            }
            if (from == to) {
                return ReadField.missing(name);
            }
            double least = 1;
            for (int i = from; i < to; i++) {
                least = Math.min(least, confidence[i]);
            }
            return new ReadField(name, text.substring(from, to), Math.round(least * 100) / 100.0, null);
        }
    }

    /** A line without spaces, stray marks (far right of the text, or much smaller than its words) left out. */
    static Chars cleaned(Line line) {
        List<Word> words = new ArrayList<>(line.words());
        if (words.isEmpty()) {
            return new Chars("", new double[0]);
        }
        int typical = words.stream().map(Word::height).sorted(Comparator.naturalOrder()).toList().get(words.size() / 2);
        StringBuilder text = new StringBuilder();
        List<Double> confidence = new ArrayList<>();
        int lastRight = -1;
        for (Word word : words) {
            if (word.height() < typical / 2 || (lastRight >= 0 && word.left() - lastRight > 6 * typical)) {
                continue;
            }
            for (char c : normalised(word.text()).toCharArray()) {
                if (!Character.isWhitespace(c)) {
                    text.append(c);
                    confidence.add(word.confidence());
                }
            }
            lastRight = word.left() + word.width();
        }
        int from = 0;
        while (from < text.length() && STRAY.indexOf(text.charAt(from)) >= 0) {
            from++;
        }
        if (from > 0) {
            return new Chars(text.substring(from), confidence.subList(from, confidence.size()).stream().mapToDouble(Double::doubleValue).toArray());
        }
        return new Chars(text.toString(), confidence.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static String normalised(String text) {
        return text.replace('（', '(').replace('）', ')').replace('：', ':');
    }

    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}

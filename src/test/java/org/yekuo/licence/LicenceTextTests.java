package org.yekuo.licence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.yekuo.licence.TextRecognizer.Line;
import org.yekuo.licence.TextRecognizer.Word;
import org.yekuo.licence.internal.LicenceText;
import org.yekuo.licence.internal.TesseractRecognizer;
import org.yekuo.support.Subjects;

/**
 * How read lines become a kind and fields (R-LIC-3, R-DOC-1), on lines as OCR returns them, without running OCR:
 * the kind comes from what the paper says, labels are found despite a misread character or a stray mark, and the
 * numbers with check characters are checked as typed ones are.
 */
class LicenceTextTests {

    @Test
    @DisplayName("R-LIC-3 R-DOC-1 a business licence is recognised by its words and its fields read with the least confidence of their characters")
    void readsABusinessLicence() {
        String code = Subjects.creditCode();
        LicenceText.Result result = LicenceText.read(List.of(
                line("营业执照"),
                line("统一社会信用代码", code),
                line("名称", "杭州市恒信科技有限公司"),
                line(0.55, "|法定代表人", "李伟"),
                line("注册资本", "壹佰万元整"),
                line("住所", "杭州市西湖区文三路1号")));

        assertThat(result.kind()).contains(PaperKind.BUSINESS_LICENCE);
        Map<String, ReadField> fields = byName(result);
        assertThat(fields.get("creditCode").value()).isEqualTo(code);
        assertThat(fields.get("creditCode").doubtful(0.8)).isFalse();
        assertThat(fields.get("name").value()).isEqualTo("杭州市恒信科技有限公司");
        assertThat(fields.get("legalRepresentative").value()).isEqualTo("李伟");
        assertThat(fields.get("legalRepresentative").doubtful(0.8)).as("read with 55%% confidence").isTrue();
        assertThat(fields.get("validity").found()).isFalse();
        assertThat(fields.get("validity").doubtful(0.8)).isTrue();
    }

    @Test
    @DisplayName("R-LIC-3 a credit code whose check character does not match is flagged, letters OCR confuses read as the digits they resemble")
    void checksTheCreditCode() {
        String code = Subjects.creditCode();
        String misread = code.substring(0, 17) + (code.charAt(17) == '1' ? '2' : '1');
        Map<String, ReadField> wrong = byName(LicenceText.read(List.of(line("营业执照"), line("统一社会信用代码", misread), line("法定代表人", "王强"))));
        assertThat(wrong.get("creditCode").problem()).isEqualTo("licence.ocr.problem.credit-code");
        assertThat(wrong.get("creditCode").doubtful(0.8)).isTrue();

        String withO = code.replace('0', 'O');
        Map<String, ReadField> confused = byName(LicenceText.read(List.of(line("营业执照"), line("统一社会信用代码", withO), line("法定代表人", "王强"))));
        assertThat(confused.get("creditCode").value()).isEqualTo(code);
        assertThat(confused.get("creditCode").problem()).isNull();
    }

    @Test
    @DisplayName("R-LIC-3 an ID card's number is checked and proves or disproves the birth date and sex printed beside it")
    void checksTheIdCard() {
        String id = "11010519491231002X"; // GB 11643's own example
        Map<String, ReadField> fields = byName(LicenceText.read(List.of(
                line("姓名", "张三"), line("性别", "女", "民族", "汉"), line("出生", "1949年12月31日"),
                line("住址", "北京市朝阳区某路1号"), line("公民身份号码", id))));
        assertThat(fields.get("idNumber").value()).isEqualTo(id);
        assertThat(fields.get("sex").value()).isEqualTo("女");
        assertThat(fields.get("sex").problem()).isNull();
        assertThat(fields.get("ethnicity").value()).isEqualTo("汉");
        assertThat(fields.get("birthDate").doubtful(0.8)).isFalse();

        Map<String, ReadField> contradicted = byName(LicenceText.read(List.of(
                line("姓名", "张三"), line("性别", "男", "民族", "汉"), line("出生", "1949年12月21日"), line("公民身份号码", id))));
        assertThat(contradicted.get("birthDate").problem()).isEqualTo("licence.ocr.problem.birth-date");
        assertThat(contradicted.get("sex").problem()).isEqualTo("licence.ocr.problem.sex");
    }

    @Test
    @DisplayName("R-DOC-1 a paper that is no licence is recognised as none; one word alone does not make a licence")
    void somethingElseIsNoLicence() {
        assertThat(LicenceText.read(List.of(line("电表箱现场照片说明"), line("住址", "东墙外"))).kind()).isEmpty();
        assertThat(LicenceText.read(List.of(line("不动产权证书"), line("权利人", "王芳"), line("坐落", "杭州市"))).kind())
                .contains(PaperKind.PROPERTY_CERTIFICATE);
    }

    @Test
    @DisplayName("R-LIC-3 a misread label of three or more characters still finds its value, but never one that another label claims exactly")
    void misreadLabels() {
        Map<String, ReadField> fields = byName(LicenceText.read(List.of(line("不动产权证书"), line("权利入", "王芳"),
                line("权利类型", "国有建设用地使用权/房屋所有权"), line("坐落", "杭州市上城区解放路8号"), line("不动产单元号", "330102 001001GB00001F00010001"))));
        assertThat(fields.get("owner").value()).isEqualTo("王芳");
        assertThat(fields.get("unitNo").value()).isEqualTo("330102001001GB00001F00010001");

        Map<String, ReadField> lost = byName(LicenceText.read(List.of(line("不动产权证书"), line("权利类型", "国有建设用地使用权"),
                line("坐落", "杭州市"))));
        assertThat(lost.get("owner").found()).isFalse();
    }

    @Test
    @DisplayName("R-LIC-3 without Tesseract the recognizer says so instead of failing, so people enter the fields by hand")
    void withoutTesseract() {
        TesseractRecognizer missing = TesseractRecognizer.command("/nonexistent/tesseract");
        assertThat(missing.available()).isFalse();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> missing.read(new java.awt.image.BufferedImage(10, 10, 1)))
                .isInstanceOf(TextRecognizer.Unavailable.class);
    }

    private static Map<String, ReadField> byName(LicenceText.Result result) {
        return result.fields().stream().collect(Collectors.toMap(ReadField::name, f -> f));
    }

    private static Line line(String... words) {
        return line(0.95, words);
    }

    private static Line line(double confidence, String... words) {
        int[] left = {0};
        return new Line(Arrays.stream(words).map(w -> {
            Word word = new Word(w, confidence, left[0], 30 * w.length(), 30);
            left[0] += 30 * w.length() + 20;
            return word;
        }).toList());
    }
}

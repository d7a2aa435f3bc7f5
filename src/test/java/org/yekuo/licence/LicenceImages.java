package org.yekuo.licence;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * A generated test set of business licences, property certificates and ID cards: invented people and
 * companies (valid check characters, no real person's data) drawn with the CJK font by Java2D, then spoiled
 * as a phone photo spoils them (speckle noise, a slight rotation, JPEG compression). Each image comes with
 * the fields it shows, so that what OCR reads can be scored field by field.
 */
public final class LicenceImages {

    /** One generated image and the true value of every field it shows. */
    public record Sample(PaperKind kind, byte[] jpeg, Map<String, String> truth) {
    }

    /**
     * How a photo is spoiled: speckles per 1000 pixels, rotation in degrees, JPEG quality, and blur as the factor
     * the photo is shrunk by and blown up again (an out-of-focus phone loses detail the same way).
     */
    public record Spoil(double noise, double rotation, float quality, int blur) {
        public static final Spoil PHONE = new Spoil(4, 1.2, 0.75f, 1);
        public static final Spoil BLURRED = new Spoil(4, 1.0, 0.6f, Integer.getInteger("licence.blur", 4));
    }

    private static final String FONT = "Noto Sans CJK SC";
    private static final String SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高";
    private static final String GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志红文";
    private static final String[] CITIES = {"杭州市西湖区", "宁波市鄞州区", "温州市鹿城区", "嘉兴市南湖区", "湖州市吴兴区", "绍兴市越城区"};
    private static final String[] ROADS = {"文三路", "天目山路", "中山东路", "解放南路", "人民大道", "凤起路", "环城北路"};
    private static final String[] TRADES = {"科技", "电气", "食品", "纺织", "机械", "物流", "建材", "餐饮"};
    private static final String[] WORDS = {"恒信", "华越", "东升", "瑞丰", "新源", "宏达", "锦程", "天润", "博远", "嘉禾"};
    private static final String[] CAPITALS = {"壹佰万元整", "伍佰万元整", "贰仟万元整", "叁拾万元整", "壹仟万元整"};
    private static final String[] COMPANY_TYPES = {"有限责任公司(自然人投资或控股)", "有限责任公司(自然人独资)", "股份有限公司(非上市)"};
    private static final String[] ETHNICITIES = {"汉", "汉", "汉", "回", "满", "畲"};
    private static final String CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] CREDIT_WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
    private static final int[] ID_WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};

    private final Random random;

    public LicenceImages(long seed) {
        this.random = new Random(seed);
    }

    public Sample next(PaperKind kind, Spoil spoil) {
        return switch (kind) {
            case BUSINESS_LICENCE -> businessLicence(spoil);
            case PROPERTY_CERTIFICATE -> propertyCertificate(spoil);
            case ID_CARD -> idCard(spoil);
        };
    }

    /** A photo of something that is no licence: a handwritten-looking note about a meter. */
    public byte[] notALicence() {
        BufferedImage image = canvas(1200, 800);
        Graphics2D g = image.createGraphics();
        text(g, "电表箱现场照片说明", 60, 120, 54);
        text(g, "表箱位于一楼楼梯间东侧, 箱门已锈蚀", 60, 260, 38);
        text(g, "建议更换为不锈钢表箱并加装防雨罩", 60, 340, 38);
        text(g, "拍摄人: 现场勘查组  二〇二六年十一月", 60, 420, 38);
        g.dispose();
        return jpeg(spoiled(image, Spoil.PHONE), 0.8f);
    }

    private Sample businessLicence(Spoil spoil) {
        Map<String, String> truth = new LinkedHashMap<>();
        String city = pick(CITIES);
        truth.put("creditCode", creditCode());
        truth.put("name", city.substring(0, 3) + pick(WORDS) + pick(TRADES) + "有限公司");
        truth.put("companyType", pick(COMPANY_TYPES));
        truth.put("legalRepresentative", person());
        truth.put("registeredCapital", pick(CAPITALS));
        LocalDate founded = LocalDate.of(2005 + random.nextInt(20), 1 + random.nextInt(12), 1 + random.nextInt(28));
        truth.put("establishedOn", chineseDate(founded));
        truth.put("validity", chineseDate(founded) + "至" + chineseDate(founded.plusYears(20).minusDays(1)));
        truth.put("address", city + pick(ROADS) + (1 + random.nextInt(300)) + "号");

        BufferedImage image = canvas(1600, 1120);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(170, 30, 30));
        g.setStroke(new BasicStroke(6));
        g.drawRect(30, 30, 1540, 1060);
        text(g, "营业执照", 620, 170, 84);
        text(g, "统一社会信用代码  " + truth.get("creditCode"), 100, 290, 36);
        String[][] rows = {{"名称", "name"}, {"类型", "companyType"}, {"法定代表人", "legalRepresentative"},
                {"注册资本", "registeredCapital"}, {"成立日期", "establishedOn"}, {"营业期限", "validity"}, {"住所", "address"}};
        int y = 390;
        for (String[] row : rows) {
            text(g, row[0] + "  " + truth.get(row[1]), 100, y, 38);
            y += 80;
        }
        text(g, "登记机关  " + city.substring(0, 3) + "市场监督管理局", 820, 1020, 30);
        g.dispose();
        return new Sample(PaperKind.BUSINESS_LICENCE, photo(image, spoil), truth);
    }

    private Sample propertyCertificate(Spoil spoil) {
        Map<String, String> truth = new LinkedHashMap<>();
        String city = pick(CITIES);
        truth.put("certificateNo", "浙(" + (2015 + random.nextInt(11)) + ")" + city.substring(0, 2) + "市不动产权第" + digits(7) + "号");
        truth.put("owner", person());
        truth.put("location", city + pick(ROADS) + (1 + random.nextInt(300)) + "号" + (1 + random.nextInt(30)) + "幢"
                + (101 + random.nextInt(20) * 100 + random.nextInt(4)) + "室");
        truth.put("unitNo", "330" + digits(3) + digits(6) + "GB" + digits(5) + "F" + digits(8));
        truth.put("use", random.nextBoolean() ? "城镇住宅用地/住宅" : "商务金融用地/办公");
        truth.put("area", (40 + random.nextInt(160)) + "." + digits(2) + "平方米");

        BufferedImage image = canvas(1400, 1100);
        Graphics2D g = image.createGraphics();
        text(g, "不动产权证书", 460, 150, 72);
        text(g, truth.get("certificateNo"), 360, 240, 34);
        String[][] rows = {{"权利人", "owner"}, {"共有情况", null}, {"坐落", "location"}, {"不动产单元号", "unitNo"},
                {"权利类型", null}, {"用途", "use"}, {"面积", "area"}};
        int y = 360;
        for (String[] row : rows) {
            String value = row[1] == null ? (row[0].equals("共有情况") ? "单独所有" : "国有建设用地使用权/房屋所有权") : truth.get(row[1]);
            text(g, row[0] + "  " + value, 90, y, 36);
            y += 90;
        }
        g.dispose();
        return new Sample(PaperKind.PROPERTY_CERTIFICATE, photo(image, spoil), truth);
    }

    private Sample idCard(Spoil spoil) {
        Map<String, String> truth = new LinkedHashMap<>();
        boolean male = random.nextBoolean();
        LocalDate born = LocalDate.of(1950 + random.nextInt(55), 1 + random.nextInt(12), 1 + random.nextInt(28));
        truth.put("name", person());
        truth.put("sex", male ? "男" : "女");
        truth.put("ethnicity", pick(ETHNICITIES));
        truth.put("birthDate", born.getYear() + "年" + born.getMonthValue() + "月" + born.getDayOfMonth() + "日");
        truth.put("address", "浙江省" + pick(CITIES) + pick(ROADS) + (1 + random.nextInt(300)) + "号");
        truth.put("idNumber", idNumber(born, male));

        BufferedImage image = canvas(1280, 800);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(232, 240, 248));
        g.fillRoundRect(10, 10, 1260, 780, 40, 40);
        text(g, "姓名  " + truth.get("name"), 80, 130, 40);
        text(g, "性别  " + truth.get("sex") + "    民族  " + truth.get("ethnicity"), 80, 220, 40);
        text(g, "出生  " + truth.get("birthDate"), 80, 310, 40);
        text(g, "住址  " + truth.get("address"), 80, 400, 40);
        text(g, "公民身份号码  " + truth.get("idNumber"), 80, 640, 42);
        g.setColor(new Color(200, 200, 200));
        g.fillRect(900, 90, 300, 380);
        g.dispose();
        return new Sample(PaperKind.ID_CARD, photo(image, spoil), truth);
    }

    private String person() {
        return pick(SURNAMES) + pick(GIVEN) + (random.nextBoolean() ? pick(GIVEN) : "");
    }

    private String creditCode() {
        StringBuilder code = new StringBuilder("9133");
        code.append(digits(4));
        while (code.length() < 17) {
            code.append(CREDIT_ALPHABET.charAt(random.nextInt(CREDIT_ALPHABET.length())));
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += CREDIT_ALPHABET.indexOf(code.charAt(i)) * CREDIT_WEIGHTS[i];
        }
        int check = 31 - sum % 31;
        return code.append(CREDIT_ALPHABET.charAt(check == 31 ? 0 : check)).toString();
    }

    private String idNumber(LocalDate born, boolean male) {
        String first17 = "3301" + digits(2) + String.format("%04d%02d%02d", born.getYear(), born.getMonthValue(), born.getDayOfMonth())
                + digits(2) + (male ? 2 * random.nextInt(5) + 1 : 2 * random.nextInt(5));
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * ID_WEIGHTS[i];
        }
        return first17 + "10X98765432".charAt(sum % 11);
    }

    private String digits(int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append(random.nextInt(10));
        }
        return s.toString();
    }

    private <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }

    private String pick(String chars) {
        return String.valueOf(chars.charAt(random.nextInt(chars.length())));
    }

    private static String chineseDate(LocalDate date) {
        return String.format("%d年%02d月%02d日", date.getYear(), date.getMonthValue(), date.getDayOfMonth());
    }

    private static BufferedImage canvas(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(250, 248, 240));
        g.fillRect(0, 0, width, height);
        g.dispose();
        return image;
    }

    private static void text(Graphics2D g, String text, int x, int y, int size) {
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(new Color(25, 25, 25));
        g.setFont(new Font(FONT, Font.PLAIN, size));
        g.drawString(text, x, y);
    }

    private byte[] photo(BufferedImage image, Spoil spoil) {
        return jpeg(spoiled(image, spoil), spoil.quality());
    }

    private BufferedImage spoiled(BufferedImage image, Spoil spoil) {
        int w = image.getWidth();
        int h = image.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(new Color(120, 120, 115));
        g.fillRect(0, 0, w, h);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        double angle = Math.toRadians((random.nextDouble() * 2 - 1) * spoil.rotation());
        g.drawImage(image, AffineTransform.getRotateInstance(angle, w / 2.0, h / 2.0), null);
        g.dispose();
        long speckles = Math.round(w * (long) h * spoil.noise() / 1000);
        for (long i = 0; i < speckles; i++) {
            int grey = random.nextInt(256);
            out.setRGB(random.nextInt(w), random.nextInt(h), new Color(grey, grey, grey).getRGB());
        }
        return spoil.blur() > 1 ? blurred(out, spoil.blur()) : out;
    }

    private static BufferedImage blurred(BufferedImage in, int factor) {
        int w = in.getWidth();
        int h = in.getHeight();
        BufferedImage small = new BufferedImage(w / factor, h / factor, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = small.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(in, 0, 0, w / factor, h / factor, null);
        g.dispose();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.drawImage(small, 0, 0, w, h, null);
        g.dispose();
        return out;
    }

    static byte[] jpeg(BufferedImage image, float quality) {
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream(); var stream = new MemoryCacheImageOutputStream(bytes)) {
            ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.setOutput(stream);
            writer.write(null, new IIOImage(image, null, null), param);
            writer.dispose();
            stream.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a few samples of each kind to a folder, to look at them. */
    public static void main(String[] args) throws IOException {
        LicenceImages images = new LicenceImages(7);
        java.nio.file.Path dir = java.nio.file.Path.of(args.length > 0 ? args[0] : "target/licence-images");
        java.nio.file.Files.createDirectories(dir);
        List<Sample> samples = new ArrayList<>();
        for (PaperKind kind : PaperKind.values()) {
            samples.add(images.next(kind, Spoil.PHONE));
        }
        samples.add(images.next(PaperKind.ID_CARD, Spoil.BLURRED));
        int i = 0;
        for (Sample s : samples) {
            java.nio.file.Files.write(dir.resolve((i++) + "-" + s.kind() + ".jpg"), s.jpeg());
            System.out.println(s.kind() + " " + s.truth());
        }
        java.nio.file.Files.write(dir.resolve("note.jpg"), images.notALicence());
    }
}

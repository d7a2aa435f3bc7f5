package org.yekuo.manual.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import org.yekuo.catalogue.AbolishedMaterial;
import org.yekuo.catalogue.BusinessTypeDefinition;
import org.yekuo.catalogue.ChecklistItem;
import org.yekuo.catalogue.Department;
import org.yekuo.catalogue.GuidelineItem;
import org.yekuo.catalogue.KeyNode;
import org.yekuo.catalogue.LimitUnit;
import org.yekuo.catalogue.NodeDefinition;
import org.yekuo.catalogue.Reviewer;
import org.yekuo.catalogue.ReviewGuideline;
import org.yekuo.catalogue.TimeLimit;
import org.yekuo.manual.Question;
import org.yekuo.manual.QuestionKind;

/**
 * A first question bank for a chapter, written from the catalogue version it describes, the way a training
 * office starts one: the time limit of each stage, which stages the type runs, what is due at acceptance and
 * what may follow, the reviewing departments, the department of each review clause, the materials that may
 * never be demanded. Editors add and retire questions from there. Texts are Chinese, as the editors write them.
 */
final class QuestionSeeds {

    private static final Locale ZH = Locale.CHINA;

    /** A question before it has an id. */
    record Seed(String nodeCode, QuestionKind kind, String stem, String explanation, List<Question.Option> options) {
    }

    private QuestionSeeds() {
    }

    static List<Seed> forChapter(BusinessTypeDefinition type, ReviewGuideline guideline, List<AbolishedMaterial> abolished,
            Function<KeyNode, String> nodeName) {
        String name = type.name(ZH);
        String basis = "依据业务目录 v" + type.version() + "。";
        List<Seed> seeds = new ArrayList<>();
        List<KeyNode> sequence = type.nodeSequence();
        for (NodeDefinition node : type.nodes()) {
            String stage = nodeName.apply(node.node());
            TimeLimit limit = node.limit();
            List<String> choices = new ArrayList<>(List.of(limit(limit.amount(), limit.unit())));
            for (int delta : new int[] {1, 2, 3, -1}) {
                int amount = limit.amount() + delta;
                if (amount >= 0 && choices.size() < 4) {
                    choices.add(limit(amount, limit.unit()));
                }
            }
            seeds.add(single(node.node().name(), name + "：“" + stage + "”环节的时限是？", basis + stage + "时限为" + choices.get(0) + "。",
                    choices, 0));
            seeds.add(trueFalse(node.node().name(), "“" + stage + "”是" + name + "的办理环节。", true,
                    basis + name + "依次经过：" + String.join("、", sequence.stream().map(nodeName).toList()) + "。"));
        }
        Arrays.stream(KeyNode.values()).filter(n -> !type.uses(n)).limit(3).forEach(n -> seeds.add(trueFalse(null,
                "“" + nodeName.apply(n) + "”是" + name + "的办理环节。", false,
                basis + name + "不经过" + nodeName.apply(n) + "环节。")));
        for (int i = 0; i + 1 < sequence.size(); i++) {
            KeyNode next = sequence.get(i + 1);
            List<String> choices = new ArrayList<>(List.of(nodeName.apply(next)));
            Arrays.stream(KeyNode.values()).filter(n -> n != next).filter(n -> choices.size() < 4)
                    .forEach(n -> choices.add(nodeName.apply(n)));
            seeds.add(single(sequence.get(i).name(), name + "中，“" + nodeName.apply(sequence.get(i)) + "”之后的环节是？",
                    basis + "“" + nodeName.apply(sequence.get(i)) + "”之后是“" + choices.get(0) + "”。", choices, 0));
        }
        for (ChecklistItem item : type.checklist()) {
            String material = item.material().name(ZH);
            seeds.add(trueFalse(KeyNode.ACCEPTANCE.name(), name + "受理时必须收齐“" + material + "”。", item.requiredAtAcceptance(),
                    item.requiredAtAcceptance() ? basis + "“" + material + "”受理时提供（一证启动）。"
                            : basis + "“" + material + "”容缺受理，在“" + nodeName.apply(item.deferredUntil()) + "”前提供即可。"));
        }
        List<String> materialChoices = new ArrayList<>();
        List<Boolean> materialKey = new ArrayList<>();
        for (ChecklistItem item : type.checklist()) {
            materialChoices.add(item.material().name(ZH));
            materialKey.add(item.requiredAtAcceptance());
        }
        for (AbolishedMaterial gone : abolished) {
            if (materialChoices.size() >= 5) {
                break;
            }
            materialChoices.add(gone.name(ZH));
            materialKey.add(false);
        }
        if (materialChoices.size() >= 3 && materialKey.contains(true)) {
            seeds.add(multiple(KeyNode.ACCEPTANCE.name(), name + "受理时须由客户提供的资料有哪些？", basis + "受理只需主体资格证明等必备资料，其余容缺后补，已作废资料不得索要。",
                    materialChoices, materialKey));
        }
        List<String> stageChoices = new ArrayList<>();
        List<Boolean> stageKey = new ArrayList<>();
        sequence.stream().skip(1).limit(3).forEach(n -> {
            stageChoices.add(nodeName.apply(n));
            stageKey.add(true);
        });
        Arrays.stream(KeyNode.values()).filter(n -> !type.uses(n)).limit(2).forEach(n -> {
            stageChoices.add(nodeName.apply(n));
            stageKey.add(false);
        });
        if (stageChoices.size() >= 3 && stageKey.contains(true)) {
            seeds.add(multiple(null, "以下哪些是" + name + "的办理环节？", basis + name + "依次经过："
                    + String.join("、", sequence.stream().map(nodeName).toList()) + "。", stageChoices, stageKey));
        }
        if (!type.reviewers().isEmpty()) {
            List<Department> reviewing = type.reviewers().stream().map(Reviewer::department).toList();
            seeds.add(multiple(KeyNode.SCHEME_REVIEW.name(), "参与" + name + "供电方案会签的部门有哪些？",
                    basis + "会签部门：" + String.join("、", reviewing.stream().map(QuestionSeeds::department).toList())
                            + "（调度部门仅在目录规定的情形参与）。",
                    Arrays.stream(Department.values()).map(QuestionSeeds::department).toList(),
                    Arrays.stream(Department.values()).map(reviewing::contains).toList()));
        }
        if (guideline != null) {
            for (GuidelineItem item : guideline.items()) {
                String text = item.textZh().length() > 40 ? item.textZh().substring(0, 40) + "…" : item.textZh();
                List<Department> departments = Arrays.asList(Department.values());
                seeds.add(single(KeyNode.SCHEME_REVIEW.name(), "审查条款 " + item.clauseNo() + "（" + text + "）由哪个部门审查？",
                        "依据审查指引 v" + guideline.version() + "，条款 " + item.clauseNo() + " 属于" + department(item.department())
                                + "，各部门只审查本部门条款。",
                        departments.stream().map(QuestionSeeds::department).toList(), departments.indexOf(item.department())));
            }
        }
        for (AbolishedMaterial gone : abolished) {
            seeds.add(trueFalse(KeyNode.ACCEPTANCE.name(), "办理" + name + "时可以要求客户提供“" + gone.name(ZH) + "”。", false,
                    "“" + gone.name(ZH) + "”已取消：" + gone.reason(ZH).replaceAll("[。.]$", "") + "。任何环节都不得索要。"));
        }
        return seeds;
    }

    private static String department(Department department) {
        return switch (department) {
            case OPERATIONS -> "运检部门";
            case MARKETING -> "营销部门";
            case DISPATCH -> "调度部门";
        };
    }

    private static String limit(int amount, LimitUnit unit) {
        if (amount == 0 && unit == LimitUnit.WORKING_DAYS) {
            return "当个工作日";
        }
        return amount + (unit == LimitUnit.WORKING_DAYS ? " 个工作日" : " 个工作小时");
    }

    private static Seed single(String node, String stem, String explanation, List<String> choices, int correct) {
        List<Boolean> key = new ArrayList<>();
        for (int i = 0; i < choices.size(); i++) {
            key.add(i == correct);
        }
        return new Seed(node, QuestionKind.SINGLE, stem, explanation, shuffled(stem, choices, key));
    }

    private static Seed multiple(String node, String stem, String explanation, List<String> choices, List<Boolean> key) {
        return new Seed(node, QuestionKind.MULTIPLE, stem, explanation, shuffled(stem, choices, key));
    }

    /** The options in an order of their own (the same every time for the same stem), so the answer is not always first. */
    private static List<Question.Option> shuffled(String stem, List<String> choices, List<Boolean> key) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < choices.size(); i++) {
            order.add(i);
        }
        java.util.Collections.shuffle(order, new java.util.Random(stem.hashCode()));
        List<Question.Option> options = new ArrayList<>();
        for (int i = 0; i < order.size(); i++) {
            options.add(new Question.Option(i, choices.get(order.get(i)), key.get(order.get(i))));
        }
        return options;
    }

    private static Seed trueFalse(String node, String stem, boolean answer, String explanation) {
        return new Seed(node, QuestionKind.TRUE_FALSE, stem, explanation,
                List.of(new Question.Option(0, "正确", answer), new Question.Option(1, "错误", !answer)));
    }
}

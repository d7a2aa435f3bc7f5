package org.yekuo.identity.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.yekuo.shared.DomainException.FieldProblem;

/**
 * What an org unit's code and names may be. The code is what imports, scoring rules and sign-in rules name a unit by,
 * so it is short, upper-case and stable; the names are what people read.
 */
final class OrgUnitFields {

    static final int CODE_MAX = 40;
    static final int NAME_MAX = 100;
    private static final Pattern CODE = Pattern.compile("[A-Z0-9][A-Z0-9_-]{1," + (CODE_MAX - 1) + "}");

    private OrgUnitFields() {
    }

    static List<FieldProblem> check(String prefix, String code, String nameZh, String nameEn) {
        List<FieldProblem> problems = new ArrayList<>();
        if (code == null || !CODE.matcher(code.trim()).matches()) {
            problems.add(new FieldProblem(prefix + "code", "orgunit.code.format", 2, CODE_MAX));
        }
        problems.addAll(checkNames(prefix, nameZh, nameEn));
        return problems;
    }

    static List<FieldProblem> checkNames(String prefix, String nameZh, String nameEn) {
        List<FieldProblem> problems = new ArrayList<>();
        if (nameZh == null || nameZh.isBlank() || nameZh.trim().length() > NAME_MAX) {
            problems.add(new FieldProblem(prefix + "nameZh", "orgunit.name-zh.length", NAME_MAX));
        }
        if (nameEn == null || nameEn.isBlank() || nameEn.trim().length() > NAME_MAX) {
            problems.add(new FieldProblem(prefix + "nameEn", "orgunit.name-en.length", NAME_MAX));
        }
        return problems;
    }

    static String code(String code) {
        return code == null ? null : code.trim();
    }
}

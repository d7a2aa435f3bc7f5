package org.yekuo.deadline.report;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.yekuo.identity.DataScope;
import org.yekuo.identity.OrgUnit;
import org.yekuo.identity.StaffMembers;

/** Names for the codes the reports group by, in the reader's language. */
@Component
class ReportLabels {

    static final String UNEXPLAINED = "UNEXPLAINED";

    private final MessageSource messages;
    private final StaffMembers staff;
    private final ScoreRules rules;

    ReportLabels(MessageSource messages, StaffMembers staff, ScoreRules rules) {
        this.messages = messages;
        this.staff = staff;
        this.rules = rules;
    }

    /** Names for one report: units and people are looked up once each. */
    Naming naming(Locale locale) {
        Map<String, String> units = new HashMap<>();
        Map<String, String> paths = new HashMap<>();
        for (OrgUnit unit : rules.allUnits()) {
            units.put(unit.code(), unit.name(locale));
            paths.put(unit.path(), unit.name(locale));
        }
        return new Naming(locale, units, paths);
    }

    final class Naming {

        private final Locale locale;
        private final Map<String, String> units;
        private final Map<String, String> paths;
        private final Map<String, String> people = new HashMap<>();

        private Naming(Locale locale, Map<String, String> units, Map<String, String> paths) {
            this.locale = locale;
            this.units = units;
            this.paths = paths;
        }

        /** The name of the unit a data scope covers. */
        String scope(DataScope scope) {
            return paths.getOrDefault(scope.orgPath(), scope.orgPath());
        }

        String text(String key, Object... args) {
            return messages.getMessage(key, args, key, locale);
        }

        String node(String code) {
            return messages.getMessage("catalogue.node." + code, null, code, locale);
        }

        /** A delay category's name; null (no explanation filed) is "unexplained". */
        String category(String code) {
            return code == null || UNEXPLAINED.equals(code) ? text("deadline.report.unexplained")
                    : messages.getMessage("deadline.delay-category." + code, null, code, locale);
        }

        /** An owning unit's name; null is "not assigned" (no station on the order's path). */
        String unit(String code) {
            return code == null ? text("deadline.report.unassigned") : units.getOrDefault(code, code);
        }

        /** A handler's name (their username only when no member of staff has it any more); null is "not signed for". */
        String person(String username) {
            if (username == null) {
                return text("deadline.report.unsigned");
            }
            if (!people.containsKey(username)) {
                knowPeople(List.of(username));
            }
            return people.get(username);
        }

        /** Looks up the names of many handlers at once, before a report names them one by one. */
        void knowPeople(Collection<String> usernames) {
            Set<String> unknown = usernames.stream().filter(u -> u != null && !people.containsKey(u)).collect(Collectors.toSet());
            Map<String, String> names = staff.displayNames(unknown);
            unknown.forEach(u -> people.put(u, names.getOrDefault(u, u)));
        }
    }
}

package org.yekuo.intake;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.yekuo.catalogue.Catalogue;
import org.yekuo.document.DocumentOwner;
import org.yekuo.document.RecordSheet;
import org.yekuo.document.SignedRecords;
import org.yekuo.identity.CurrentUser;
import org.yekuo.shared.Times;

/**
 * The nodes whose result is a paper the utility keeps — the acceptance receipt (受理回执), the survey record, the
 * inspection records, the completion-acceptance report (竣工检验报告), the supply contract (供用电合同) and the
 * power-on confirmation — issue it as a signed record of the order when they complete (R-DOC-3): what the
 * node recorded, signed by whoever completed it, in the same transaction. A node done again (after a fail)
 * issues the next version. The customer then signs the receipt (confirming the application as recorded), the
 * contract and the reports by hand (R-DOC-6).
 */
@Component
class NodeRecords {

    /** The record each node issues, by node code; its label is {@code document.record.<record>}. */
    static final Map<String, String> RECORD_OF_NODE = Map.of(
            "ACCEPTANCE", "ACCEPTANCE_RECEIPT",
            "SITE_SURVEY", "SITE_SURVEY_RECORD",
            "INTERMEDIATE_INSPECTION", "INTERMEDIATE_INSPECTION_RECORD",
            "COMPLETION_ACCEPTANCE", "COMPLETION_ACCEPTANCE_REPORT",
            "CONTRACT", "SUPPLY_CONTRACT",
            "POWER_ON", "POWER_ON_CONFIRMATION");
    /** What of the designed scheme the contract agrees on: how the supply is given, metered and charged. */
    private static final Set<String> CONTRACTED_SCHEME = Set.of("supplyVoltage", "supplyPoint", "supplyCircuits",
            "transformerCapacity", "meteringMethod", "tariffCategory", "propertyBoundary");
    private static final int CONTRACT_CLAUSES = 6;
    private static final Locale ARCHIVE_LANGUAGE = Locale.SIMPLIFIED_CHINESE;

    private final TaskContexts contexts;
    private final Applications applications;
    private final Catalogue catalogue;
    private final MaterialNames materialNames;
    private final SignedRecords records;
    private final MessageSource messages;
    private final Clock clock;

    NodeRecords(TaskContexts contexts, Applications applications, Catalogue catalogue, MaterialNames materialNames,
            SignedRecords records, MessageSource messages, Clock clock) {
        this.contexts = contexts;
        this.applications = applications;
        this.catalogue = catalogue;
        this.materialNames = materialNames;
        this.records = records;
        this.messages = messages;
        this.clock = clock;
    }

    /** Issues the node's record, if it has one, from what the order and the node have just recorded. */
    void completed(Application order, String nodeCode, CurrentUser handler) {
        String record = RECORD_OF_NODE.get(nodeCode);
        if (record == null) {
            return;
        }
        List<RecordSheet.Line> lines = new ArrayList<>();
        lines.add(line("intake.record.order", order.orderNo()));
        if ("ACCEPTANCE".equals(nodeCode)) {
            lines.add(line("intake.record.type", catalogue.version(order.typeCode(), order.typeVersion()).nameZh()));
        }
        lines.add(line(contract(nodeCode) ? "intake.record.consumer" : "intake.record.applicant", order.applicantNameMasked()));
        if ("ACCEPTANCE".equals(nodeCode)) {
            lines.add(line("intake.record.subject-code", order.subjectCodeMasked()));
            lines.add(line("intake.record.phone", order.phoneMasked()));
        }
        if (contract(nodeCode)) {
            lines.add(line("intake.record.supplier", handler.orgUnitNameZh()));
        }
        lines.add(line("intake.record.address", order.supplyAddress()));
        lines.add(line("intake.record.capacity", order.capacity().stripTrailingZeros().toPlainString() + " "
                + (order.capacityUnit() == CapacityUnit.KVA ? "kVA" : "kW")));
        List<RecordedNode> recorded = contexts.recorded(order.id());
        recorded.stream().filter(n -> n.nodeCode().equals(nodeCode)).findFirst().ifPresent(node -> fields(node, lines, null));
        if ("ACCEPTANCE".equals(nodeCode)) {
            lines.add(line("intake.record.applied-at", Times.MINUTES.format(order.createdAt().atZone(clock.getZone()))));
            // The receipt names every checklist material and where it stands, so the customer sees what is still owed.
            for (ApplicationMaterial material : applications.materials(order.id())) {
                String state = text(material.state().messageKey());
                if (material.state() == MaterialState.DEFERRED && material.deferredUntil() != null) {
                    state = text("intake.record.deferred-until", state, materialNames.node(material.deferredUntil()));
                }
                lines.add(new RecordSheet.Line(materialNames.describe(List.of(material.materialCode())), state));
            }
            lines.add(line("intake.record.progress", text("intake.record.progress-how")));
        }
        if (contract(nodeCode)) {
            recorded.stream().filter(n -> n.nodeCode().equals("SCHEME_DESIGN")).findFirst()
                    .ifPresent(node -> fields(node, lines, CONTRACTED_SCHEME));
            for (int clause = 1; clause <= CONTRACT_CLAUSES; clause++) {
                lines.add(line("intake.record.contract.clause-no." + clause, text("intake.record.contract.clause." + clause)));
            }
        }
        lines.add(line("intake.record.handler", handler.displayName()));
        records.issue(new DocumentOwner(order.id(), order.orderNo(), order.orgPath()), record, nodeCode,
                new RecordSheet(text("document.record." + record), lines, text("intake.record.closing." + record)), handler);
    }

    private static boolean contract(String nodeCode) {
        return "CONTRACT".equals(nodeCode);
    }

    /** The node's recorded fields as lines; only those named in {@code only}, when given. */
    private void fields(RecordedNode node, List<RecordSheet.Line> lines, Set<String> only) {
        node.fields().stream().filter(f -> only == null || only.contains(f.name()))
                .forEach(f -> lines.add(line("intake.node-field." + f.name(), f.valueKey() == null ? f.value() : text(f.valueKey()))));
    }

    private RecordSheet.Line line(String labelKey, String value) {
        return new RecordSheet.Line(text(labelKey), value);
    }

    private String text(String key, Object... arguments) {
        return messages.getMessage(key, arguments, ARCHIVE_LANGUAGE);
    }
}

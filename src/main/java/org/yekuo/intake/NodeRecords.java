package org.yekuo.intake;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.yekuo.document.DocumentOwner;
import org.yekuo.document.RecordSheet;
import org.yekuo.document.SignedRecords;
import org.yekuo.identity.CurrentUser;

/**
 * The nodes whose result is a paper the utility keeps — the survey record, the inspection records, the
 * completion-acceptance report (竣工检验报告) and the power-on confirmation — issue it as a signed record of
 * the order when they complete (R-DOC-3): what the node recorded, signed by whoever completed it, in the
 * same transaction. A node done again (after a fail) issues the next version.
 */
@Component
class NodeRecords {

    /** The record each node issues, by node code; its label is {@code document.record.<record>}. */
    static final Map<String, String> RECORD_OF_NODE = Map.of(
            "SITE_SURVEY", "SITE_SURVEY_RECORD",
            "INTERMEDIATE_INSPECTION", "INTERMEDIATE_INSPECTION_RECORD",
            "COMPLETION_ACCEPTANCE", "COMPLETION_ACCEPTANCE_REPORT",
            "POWER_ON", "POWER_ON_CONFIRMATION");
    private static final Locale ARCHIVE_LANGUAGE = Locale.SIMPLIFIED_CHINESE;

    private final TaskContexts contexts;
    private final SignedRecords records;
    private final MessageSource messages;

    NodeRecords(TaskContexts contexts, SignedRecords records, MessageSource messages) {
        this.contexts = contexts;
        this.records = records;
        this.messages = messages;
    }

    /** Issues the node's record, if it has one, from what the node has just recorded. */
    void completed(Application order, String nodeCode, CurrentUser handler) {
        String record = RECORD_OF_NODE.get(nodeCode);
        if (record == null) {
            return;
        }
        List<RecordSheet.Line> lines = new ArrayList<>();
        lines.add(line("intake.record.order", order.orderNo()));
        lines.add(line("intake.record.applicant", order.applicantNameMasked()));
        lines.add(line("intake.record.address", order.supplyAddress()));
        lines.add(line("intake.record.capacity", order.capacity().stripTrailingZeros().toPlainString() + " "
                + (order.capacityUnit() == CapacityUnit.KVA ? "kVA" : "kW")));
        contexts.recorded(order.id()).stream().filter(n -> n.nodeCode().equals(nodeCode)).findFirst()
                .ifPresent(node -> node.fields().forEach(f -> lines.add(line("intake.node-field." + f.name(),
                        f.valueKey() == null ? f.value() : text(f.valueKey())))));
        lines.add(line("intake.record.handler", handler.displayName()));
        records.issue(new DocumentOwner(order.id(), order.orderNo(), order.orgPath()), record, nodeCode,
                new RecordSheet(text("document.record." + record), lines, text("intake.record.closing." + record)), handler);
    }

    private RecordSheet.Line line(String labelKey, String value) {
        return new RecordSheet.Line(text(labelKey), value);
    }

    private String text(String key) {
        return messages.getMessage(key, null, ARCHIVE_LANGUAGE);
    }
}

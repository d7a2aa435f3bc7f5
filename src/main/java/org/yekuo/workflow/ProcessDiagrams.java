package org.yekuo.workflow;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

import org.flowable.bpmn.model.BpmnModel;
import org.flowable.bpmn.model.Event;
import org.flowable.bpmn.model.FlowElement;
import org.flowable.bpmn.model.Gateway;
import org.flowable.bpmn.model.GraphicInfo;
import org.flowable.bpmn.model.SequenceFlow;
import org.flowable.bpmn.model.UserTask;
import org.flowable.engine.HistoryService;
import org.flowable.engine.RepositoryService;
import org.flowable.engine.history.HistoricActivityInstance;
import org.flowable.engine.history.HistoricProcessInstance;
import org.flowable.engine.repository.ProcessDefinition;
import org.flowable.variable.api.history.HistoricVariableInstance;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Service;
import org.yekuo.shared.DomainException;
import org.yekuo.workflow.internal.ProcessVariables;

/**
 * Draws a process family's BPMN diagram as SVG from its own layout, labelled in the reader's language:
 * the flow chart staff see for a business type, and for an order the same chart with finished,
 * current and skipped nodes marked.
 */
@Service
public class ProcessDiagrams {

    private final RepositoryService repository;
    private final HistoryService history;
    private final MessageSource messages;

    ProcessDiagrams(RepositoryService repository, HistoryService history, MessageSource messages) {
        this.repository = repository;
        this.history = history;
        this.messages = messages;
    }

    /** The business type's flow chart: its family's diagram with the nodes it does not use greyed out. */
    public String forType(ProcessFamily family, List<String> plannedNodes, Function<String, String> nodeLabel) {
        ProcessDefinition definition = repository.createProcessDefinitionQuery().processDefinitionKey(family.processKey())
                .latestVersion().singleResult();
        return draw(repository.getBpmnModel(definition.getId()), Set.copyOf(plannedNodes), Set.of(), Set.of(), nodeLabel);
    }

    /** The order's flow chart: finished nodes, the current ones, and what its type skips. */
    public String forOrder(long orderId, Function<String, String> nodeLabel) {
        HistoricProcessInstance instance = history.createHistoricProcessInstanceQuery()
                .processInstanceBusinessKey(Long.toString(orderId)).singleResult();
        if (instance == null) {
            throw DomainException.notFound("workflow.process.not-found", orderId);
        }
        HistoricVariableInstance planned = history.createHistoricVariableInstanceQuery()
                .processInstanceId(instance.getId()).variableName(ProcessVariables.PLANNED_NODES).singleResult();
        Set<String> done = new HashSet<>();
        Set<String> current = new HashSet<>();
        for (HistoricActivityInstance activity : history.createHistoricActivityInstanceQuery()
                .processInstanceId(instance.getId()).list()) {
            (activity.getEndTime() == null ? current : done).add(activity.getActivityId());
        }
        done.removeAll(current);
        Set<String> plannedNodes = Set.copyOf(ProcessVariables.plannedNodes(planned.getValue()));
        return draw(repository.getBpmnModel(instance.getProcessDefinitionId()), plannedNodes, done, current, nodeLabel);
    }

    private String draw(BpmnModel model, Set<String> plannedNodes, Set<String> done, Set<String> current,
            Function<String, String> nodeLabel) {
        double width = 0;
        double height = 0;
        for (GraphicInfo info : model.getLocationMap().values()) {
            width = Math.max(width, info.getX() + info.getWidth());
            height = Math.max(height, info.getY() + info.getHeight());
        }
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"flow-chart\" viewBox=\"0 0 %.0f %.0f\" role=\"img\">",
                width + 40, height + 40));
        svg.append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"6\" markerHeight=\"6\" orient=\"auto\">")
                .append("<path d=\"M0,0 L10,5 L0,10 z\"/></marker></defs>");
        for (FlowElement element : model.getMainProcess().getFlowElements()) {
            if (element instanceof SequenceFlow flow) {
                List<GraphicInfo> points = model.getFlowLocationGraphicInfo(flow.getId());
                if (points != null && points.size() > 1) {
                    StringBuilder path = new StringBuilder();
                    for (GraphicInfo p : points) {
                        path.append(String.format(Locale.ROOT, "%.0f,%.0f ", p.getX(), p.getY()));
                    }
                    svg.append("<polyline class=\"flow\" marker-end=\"url(#arrow)\" points=\"").append(path.toString().trim())
                            .append("\"/>");
                }
            }
        }
        for (FlowElement element : model.getMainProcess().getFlowElements()) {
            GraphicInfo box = model.getGraphicInfo(element.getId());
            if (box == null) {
                continue;
            }
            String state = current.contains(element.getId()) ? "current" : done.contains(element.getId()) ? "done" : "pending";
            if (element instanceof UserTask) {
                String nodeCode = NodeCodes.of(element.getId(), ((UserTask) element).getCategory());
                String label = element.getId().equals(NodeCodes.elementId(nodeCode)) ? nodeLabel.apply(nodeCode)
                        : messages.getMessage("workflow.step." + element.getId(), null, nodeLabel.apply(nodeCode),
                                LocaleContextHolder.getLocale());
                if (!plannedNodes.contains(nodeCode)) {
                    state = "skipped";
                }
                svg.append(String.format(Locale.ROOT,
                        "<g class=\"node %s\" data-node=\"%s\"><rect x=\"%.0f\" y=\"%.0f\" width=\"%.0f\" height=\"%.0f\" rx=\"8\"/>"
                                + "<text x=\"%.0f\" y=\"%.0f\" text-anchor=\"middle\" dominant-baseline=\"middle\">%s</text></g>",
                        state, nodeCode, box.getX(), box.getY(), box.getWidth(), box.getHeight(),
                        box.getX() + box.getWidth() / 2, box.getY() + box.getHeight() / 2, escape(label)));
            } else if (element instanceof Gateway) {
                double cx = box.getX() + box.getWidth() / 2;
                double cy = box.getY() + box.getHeight() / 2;
                svg.append(String.format(Locale.ROOT, "<polygon class=\"gateway %s\" points=\"%.0f,%.0f %.0f,%.0f %.0f,%.0f %.0f,%.0f\"/>",
                        state, cx, box.getY(), box.getX() + box.getWidth(), cy, cx, box.getY() + box.getHeight(), box.getX(), cy));
            } else if (element instanceof Event) {
                svg.append(String.format(Locale.ROOT, "<circle class=\"event %s\" cx=\"%.0f\" cy=\"%.0f\" r=\"%.0f\"/>", state,
                        box.getX() + box.getWidth() / 2, box.getY() + box.getHeight() / 2, box.getWidth() / 2));
            }
        }
        return svg.append("</svg>").toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}

package org.yekuo.workflow;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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

    /** Finished orders' charts kept (a few KB each), the most recently shown first to stay. */
    private static final int FINISHED_CHARTS = 512;

    private final RepositoryService repository;
    private final HistoryService history;
    private final MessageSource messages;
    private final Map<String, String> finishedCharts = Collections.synchronizedMap(
            new LinkedHashMap<>(FINISHED_CHARTS, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                    return size() > FINISHED_CHARTS;
                }
            });
    private final Map<String, Layout> layouts = new ConcurrentHashMap<>();

    ProcessDiagrams(RepositoryService repository, HistoryService history, MessageSource messages) {
        this.repository = repository;
        this.history = history;
        this.messages = messages;
    }

    /** The business type's flow chart: its family's diagram with the nodes it does not use greyed out. */
    public String forType(ProcessFamily family, List<String> plannedNodes, Function<String, String> nodeLabel) {
        ProcessDefinition definition = repository.createProcessDefinitionQuery().processDefinitionKey(family.processKey())
                .latestVersion().singleResult();
        return draw(definition.getId(), Set.copyOf(plannedNodes), Set.of(), Set.of(), nodeLabel);
    }

    /**
     * The order's flow chart: finished nodes, the current ones, and what its type skips. {@code nodeLabel}
     * names a node in the reader's language (the chart of a finished order is kept per language).
     */
    public String forOrder(long orderId, Function<String, String> nodeLabel) {
        HistoricProcessInstance instance = history.createHistoricProcessInstanceQuery()
                .processInstanceBusinessKey(Long.toString(orderId)).singleResult();
        if (instance == null) {
            throw DomainException.notFound("workflow.process.not-found", orderId);
        }
        if (instance.getEndTime() == null) {
            return drawOrder(instance, nodeLabel);
        }
        // A finished order's chart never changes again: drawn once per language, not on every visit.
        String key = instance.getId() + "/" + LocaleContextHolder.getLocale();
        String chart = finishedCharts.get(key);
        if (chart == null) {
            chart = drawOrder(instance, nodeLabel);
            finishedCharts.put(key, chart);
        }
        return chart;
    }

    private String drawOrder(HistoricProcessInstance instance, Function<String, String> nodeLabel) {
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
        return draw(instance.getProcessDefinitionId(), plannedNodes, done, current, nodeLabel);
    }

    private String draw(String processDefinitionId, Set<String> plannedNodes, Set<String> done, Set<String> current,
            Function<String, String> nodeLabel) {
        Layout layout = layouts.computeIfAbsent(processDefinitionId, id -> Layout.of(repository.getBpmnModel(id)));
        StringBuilder svg = new StringBuilder(layout.fixed().length() + 160 * layout.shapes().size()).append(layout.fixed());
        for (Shape shape : layout.shapes()) {
            String state = current.contains(shape.elementId()) ? "current" : done.contains(shape.elementId()) ? "done" : "pending";
            if (shape.nodeCode() != null && !plannedNodes.contains(shape.nodeCode())) {
                state = "skipped";
            }
            svg.append(shape.beforeState()).append(state).append(shape.afterState());
            if (shape.nodeCode() != null) {
                String label = shape.ownElement() ? nodeLabel.apply(shape.nodeCode())
                        : messages.getMessage("workflow.step." + shape.elementId(), null, nodeLabel.apply(shape.nodeCode()),
                                LocaleContextHolder.getLocale());
                svg.append(escape(label)).append("</text></g>");
            }
        }
        return svg.append("</svg>").toString();
    }

    /**
     * What a process definition's chart has whatever the order: the frame and the arrows written out, each
     * shape's geometry. A deployed definition never changes, so this is worked out once per definition.
     */
    private record Layout(String fixed, List<Shape> shapes) {

        static Layout of(BpmnModel model) {
            double width = 0;
            double height = 0;
            for (GraphicInfo info : model.getLocationMap().values()) {
                width = Math.max(width, info.getX() + info.getWidth());
                height = Math.max(height, info.getY() + info.getHeight());
            }
            StringBuilder svg = new StringBuilder(String.format(Locale.ROOT,
                    // Drawn at its own size (a node's text at 13 px), scrolled sideways where the screen is narrower,
                    // rather than shrunk to the width of a page or a phone until nobody can read it.
                    "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"flow-chart\" viewBox=\"0 0 %.0f %.0f\" width=\"%.0f\" height=\"%.0f\" role=\"img\" aria-hidden=\"true\">",
                    width + 40, height + 40, width + 40, height + 40));
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
            List<Shape> shapes = new ArrayList<>();
            for (FlowElement element : model.getMainProcess().getFlowElements()) {
                GraphicInfo box = model.getGraphicInfo(element.getId());
                if (box == null) {
                    continue;
                }
                double cx = box.getX() + box.getWidth() / 2;
                double cy = box.getY() + box.getHeight() / 2;
                if (element instanceof UserTask task) {
                    String nodeCode = NodeCodes.of(element.getId(), task.getCategory());
                    shapes.add(new Shape(element.getId(), nodeCode, element.getId().equals(NodeCodes.elementId(nodeCode)),
                            "<g class=\"node ", String.format(Locale.ROOT,
                                    "\" data-node=\"%s\"><rect x=\"%.0f\" y=\"%.0f\" width=\"%.0f\" height=\"%.0f\" rx=\"8\"/>"
                                            + "<text x=\"%.0f\" y=\"%.0f\" text-anchor=\"middle\" dominant-baseline=\"middle\">",
                                    nodeCode, box.getX(), box.getY(), box.getWidth(), box.getHeight(), cx, cy)));
                } else if (element instanceof Gateway) {
                    shapes.add(new Shape(element.getId(), null, false, "<polygon class=\"gateway ", String.format(Locale.ROOT,
                            "\" points=\"%.0f,%.0f %.0f,%.0f %.0f,%.0f %.0f,%.0f\"/>", cx, box.getY(), box.getX() + box.getWidth(), cy, cx,
                            box.getY() + box.getHeight(), box.getX(), cy)));
                } else if (element instanceof Event) {
                    shapes.add(new Shape(element.getId(), null, false, "<circle class=\"event ", String.format(Locale.ROOT,
                            "\" cx=\"%.0f\" cy=\"%.0f\" r=\"%.0f\"/>", cx, cy, box.getWidth() / 2)));
                }
            }
            return new Layout(svg.toString(), List.copyOf(shapes));
        }
    }

    /**
     * One drawn element: its markup before and after its state class; a user task's node code (null for
     * gateways and events) is followed by its label, and {@code ownElement} says whether the element is the
     * node's own or one of its steps (which has a label of its own).
     */
    private record Shape(String elementId, String nodeCode, boolean ownElement, String beforeState, String afterState) {
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}

package org.yekuo.insight;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.yekuo.catalogue.Catalogue;
import org.yekuo.catalogue.KeyNode;
import org.yekuo.deadline.DeadlineHistory;
import org.yekuo.deadline.NodeDeadline;
import org.yekuo.identity.CurrentUser;
import org.yekuo.identity.DataScope;
import org.yekuo.identity.OrgUnit;
import org.yekuo.identity.OrgUnits;
import org.yekuo.identity.StaffNames;
import org.yekuo.shared.DomainException;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.json.JsonFactory;

/**
 * The event log of a period, business type and org unit for process mining tools (PM4Py, ProM, Celonis, Disco):
 * as XES (IEEE 1849-2016), one trace per order with a start and a complete event per node, and as OCEL 2.0 JSON,
 * with orders, node tasks (department reviews among them), the orders' materials at stock, their coordination questions
 * and staff as objects. Both are written while the
 * history streams from the database, one order at a time, so a year of a province needs no more memory than
 * one order's events.
 */
@Service
public class EventLogs {

    /** The longest period one export may cover. */
    static final int MAX_DAYS = 366;
    /** Orders per batch of the OCEL export: each kind of their other objects is read at once. */
    private static final int BATCH = 500;
    private static final String XES_EXTENSION = "http://www.xes-standard.org/";

    private final DeadlineHistory history;
    private final Catalogue catalogue;
    private final OrgUnits orgUnits;
    private final StaffNames staffNames;
    private final MessageSource messages;
    private final List<ProcessObjects> objects;
    private final TransactionTemplate readOnly;
    private final Clock clock;

    EventLogs(DeadlineHistory history, Catalogue catalogue, OrgUnits orgUnits, StaffNames staffNames, MessageSource messages,
            List<ProcessObjects> objects, PlatformTransactionManager transactions, Clock clock) {
        this.history = history;
        this.objects = List.copyOf(objects);
        this.catalogue = catalogue;
        this.orgUnits = orgUnits;
        this.staffNames = staffNames;
        this.messages = messages;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.clock = clock;
    }

    public enum Format {
        XES("xes", "application/xml"), OCEL("jsonocel", "application/json");

        private final String extension;
        private final String mediaType;

        Format(String extension, String mediaType) {
            this.extension = extension;
            this.mediaType = mediaType;
        }

        public String mediaType() {
            return mediaType;
        }
    }

    /** What to export: nodes reached from {@code from} to {@code to} (days in the utility's zone, both included). */
    public record Request(LocalDate from, LocalDate to, String typeCode, String orgCode) {
    }

    /** A checked request: the instants, the org scope as a LIKE pattern, and a file name. */
    public record Export(Instant from, Instant to, String scope, String typeCode, String fileStem) {

        public String fileName(Format format) {
            return fileStem + "." + format.extension;
        }
    }

    /**
     * Checks the request against the reader's scope: a period of at most {@value #MAX_DAYS} days in order, a type the
     * catalogue knows, an org unit the reader can see, and at least one node in it; each refusal names its field.
     */
    public Export check(CurrentUser user, Request request) {
        if (request.from() == null) {
            throw DomainException.invalid("from", "insight.export.from-required");
        }
        if (request.to() == null) {
            throw DomainException.invalid("to", "insight.export.to-required");
        }
        if (request.to().isBefore(request.from())) {
            throw DomainException.invalid("to", "insight.export.period-order", request.from().toString(), request.to().toString());
        }
        if (ChronoUnit.DAYS.between(request.from(), request.to()) >= MAX_DAYS) {
            throw DomainException.invalid("to", "insight.export.period-too-long", MAX_DAYS);
        }
        String type = blankToNull(request.typeCode());
        if (type != null && catalogue.findCurrent(type).isEmpty()) {
            throw DomainException.invalid("type", "insight.export.type-unknown", type);
        }
        DataScope scope = user.scope();
        String org = blankToNull(request.orgCode());
        if (org != null) {
            Optional<OrgUnit> unit = orgUnits.within(user.scope()).stream().filter(u -> u.code().equals(org)).findFirst();
            if (unit.isEmpty()) {
                // Whether it exists elsewhere is not the reader's business: it is not theirs to export.
                throw DomainException.forbidden("insight.export.org-not-visible", org);
            }
            scope = unit.get().scope();
        }
        Instant from = request.from().atStartOfDay(clock.getZone()).toInstant();
        Instant to = request.to().plusDays(1).atStartOfDay(clock.getZone()).toInstant();
        String like = scope.likePattern();
        if (!history.anyReached(from, to, like, type)) {
            throw DomainException.invalid("from", "insight.export.empty", request.from().toString(), request.to().toString());
        }
        String stem = "yekuo-" + request.from() + "-" + request.to() + (type == null ? "" : "-" + type) + (org == null ? "" : "-" + org);
        return new Export(from, to, like, type, stem);
    }

    public void write(Export export, Format format, Locale locale, OutputStream out) {
        readOnly.executeWithoutResult(status -> {
            try {
                if (format == Format.XES) {
                    writeXes(export, locale, out);
                } else {
                    writeOcel(export, locale, out);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (XMLStreamException e) {
                throw new IllegalStateException("The event log could not be written", e);
            }
        });
    }

    // --- XES

    private void writeXes(Export export, Locale locale, OutputStream out) throws XMLStreamException {
        XMLStreamWriter xml = XMLOutputFactory.newInstance().createXMLStreamWriter(out, "UTF-8");
        xml.writeStartDocument("UTF-8", "1.0");
        xml.writeStartElement("log");
        // IEEE 1849-2016 is XES 2.0; its schema types the version as a decimal.
        xml.writeAttribute("xes.version", "2.0");
        xml.writeAttribute("xes.features", "");
        extension(xml, "Concept", "concept");
        extension(xml, "Time", "time");
        extension(xml, "Lifecycle", "lifecycle");
        extension(xml, "Organizational", "org");
        xml.writeStartElement("global");
        xml.writeAttribute("scope", "trace");
        attribute(xml, "string", "concept:name", "");
        xml.writeEndElement();
        xml.writeStartElement("global");
        xml.writeAttribute("scope", "event");
        attribute(xml, "string", "concept:name", "");
        attribute(xml, "date", "time:timestamp", "1970-01-01T00:00:00.000Z");
        attribute(xml, "string", "lifecycle:transition", "complete");
        xml.writeEndElement();
        classifier(xml, "Activity", "concept:name");
        classifier(xml, "ActivityTransition", "concept:name lifecycle:transition");
        attribute(xml, "string", "concept:name", export.fileStem());
        Map<String, String> names = new HashMap<>();
        byOrder(export, order -> {
            try {
                xml.writeStartElement("trace");
                NodeDeadline first = order.get(0);
                attribute(xml, "string", "concept:name", first.orderNo());
                attribute(xml, "string", "businessType", typeName(first.typeCode(), locale));
                attribute(xml, "string", "station", first.orgPath());
                for (Step step : steps(order)) {
                    xml.writeStartElement("event");
                    attribute(xml, "string", "concept:name", nodeName(step.node().nodeCode(), locale));
                    attribute(xml, "date", "time:timestamp", DateTimeFormatter.ISO_INSTANT.format(step.at()));
                    attribute(xml, "string", "lifecycle:transition", step.complete() ? "complete" : "start");
                    if (step.node().handler() != null) {
                        attribute(xml, "string", "org:resource", names.computeIfAbsent(step.node().handler(), staffNames::of));
                    }
                    attribute(xml, "string", "org:group", String.join(",", step.node().roles()));
                    attribute(xml, "string", "node", step.node().nodeCode());
                    attribute(xml, "date", "due", DateTimeFormatter.ISO_INSTANT.format(step.node().dueAt()));
                    if (step.complete()) {
                        attribute(xml, "boolean", "late", String.valueOf(RiskForecast.late(step.node(), step.at())));
                    }
                    xml.writeEndElement();
                }
                xml.writeEndElement();
            } catch (XMLStreamException e) {
                throw new IllegalStateException("The event log could not be written", e);
            }
        });
        xml.writeEndElement();
        xml.writeEndDocument();
        xml.flush();
    }

    private static void extension(XMLStreamWriter xml, String name, String prefix) throws XMLStreamException {
        xml.writeEmptyElement("extension");
        xml.writeAttribute("name", name);
        xml.writeAttribute("prefix", prefix);
        xml.writeAttribute("uri", XES_EXTENSION + prefix + ".xesext");
    }

    private static void classifier(XMLStreamWriter xml, String name, String keys) throws XMLStreamException {
        xml.writeEmptyElement("classifier");
        xml.writeAttribute("name", name);
        xml.writeAttribute("keys", keys);
    }

    private static void attribute(XMLStreamWriter xml, String kind, String key, String value) throws XMLStreamException {
        xml.writeEmptyElement(kind);
        xml.writeAttribute("key", key);
        xml.writeAttribute("value", value);
    }

    // --- OCEL 2.0

    private void writeOcel(Export export, Locale locale, OutputStream out) throws IOException {
        try (JsonGenerator json = JsonFactory.builder().build().createGenerator(out)) {
            json.writeStartObject();
            json.writeName("objectTypes");
            json.writeStartArray();
            objectType(json, "order", "businessType", "station");
            objectType(json, "task", "node", "roles");
            objectType(json, "review", "node", "department");
            for (ProcessObjects kind : objects) {
                objectType(json, kind.type(), kind.attributes().toArray(String[]::new));
            }
            objectType(json, "staff");
            json.writeEndArray();
            json.writeName("eventTypes");
            json.writeStartArray();
            for (KeyNode node : KeyNode.values()) {
                for (String verb : List.of("reach", "complete")) {
                    json.writeStartObject();
                    json.writeStringProperty("name", eventType(verb, node.name(), locale));
                    json.writeName("attributes");
                    json.writeStartArray();
                    attributeType(json, "due", "time");
                    if (verb.equals("complete")) {
                        attributeType(json, "late", "boolean");
                    }
                    json.writeEndArray();
                    json.writeEndObject();
                }
            }
            for (ProcessObjects kind : objects) {
                kind.eventTypes(locale).forEach(name -> eventType(json, name));
            }
            json.writeEndArray();

            // First pass: the objects, each order with its tasks, materials and questions, then every member of staff
            // who acted on one.
            json.writeName("objects");
            json.writeStartArray();
            Set<String> staff = new LinkedHashSet<>();
            byBatch(export, locale, batch -> {
                for (List<NodeDeadline> order : batch.orders()) {
                    NodeDeadline first = order.get(0);
                    object(json, orderId(first), "order", Map.of("businessType", typeName(first.typeCode(), locale),
                            "station", first.orgPath()));
                    json.writeEndArray();
                    json.writeEndObject();
                    for (NodeDeadline node : order) {
                        boolean review = node.nodeCode().equals(KeyNode.SCHEME_REVIEW.name());
                        object(json, taskId(node), review ? "review" : "task", Map.of("node", nodeName(node.nodeCode(), locale),
                                review ? "department" : "roles", String.join(",", node.roles())));
                        relationship(json, orderId(node), "part of");
                        if (node.handler() != null) {
                            staff.add(node.handler());
                            relationship(json, staffId(node.handler()), "handled by");
                        }
                        json.writeEndArray();
                        json.writeEndObject();
                    }
                    for (Mined other : batch.objectsOf(first.orderId())) {
                        ProcessObjects.MinedObject mined = other.object();
                        object(json, mined.id(), other.type(), mined.attributes());
                        relationship(json, orderId(first), "part of");
                        json.writeEndArray();
                        json.writeEndObject();
                        mined.events().stream().map(ProcessObjects.MinedEvent::staff).filter(by -> by != null).forEach(staff::add);
                    }
                }
            });
            for (String username : staff) {
                object(json, staffId(username), "staff", Map.of());
                json.writeEndArray();
                json.writeEndObject();
            }
            json.writeEndArray();

            // Second pass: the events, order by order in time.
            json.writeName("events");
            json.writeStartArray();
            byBatch(export, locale, batch -> {
                for (List<NodeDeadline> order : batch.orders()) {
                    for (Step step : steps(order)) {
                        NodeDeadline node = step.node();
                        event(json, (step.complete() ? "c-" : "r-") + node.id(),
                                eventType(step.complete() ? "complete" : "reach", node.nodeCode(), locale), step.at());
                        json.writeStartObject();
                        json.writeStringProperty("name", "due");
                        json.writeStringProperty("value", DateTimeFormatter.ISO_INSTANT.format(node.dueAt()));
                        json.writeEndObject();
                        if (step.complete()) {
                            json.writeStartObject();
                            json.writeStringProperty("name", "late");
                            json.writeBooleanProperty("value", RiskForecast.late(node, step.at()));
                            json.writeEndObject();
                        }
                        json.writeEndArray();
                        json.writeName("relationships");
                        json.writeStartArray();
                        relationship(json, orderId(node), "order");
                        relationship(json, taskId(node), "task");
                        if (step.complete() && node.handler() != null) {
                            relationship(json, staffId(node.handler()), "handler");
                        }
                        json.writeEndArray();
                        json.writeEndObject();
                    }
                    NodeDeadline first = order.get(0);
                    for (Mined other : batch.objectsOf(first.orderId())) {
                        ProcessObjects.MinedObject mined = other.object();
                        int n = 0;
                        for (ProcessObjects.MinedEvent event : mined.events()) {
                            event(json, mined.id() + "-" + (++n), event.type(), event.at());
                            json.writeEndArray();
                            json.writeName("relationships");
                            json.writeStartArray();
                            relationship(json, orderId(first), "order");
                            relationship(json, mined.id(), other.type());
                            if (event.staff() != null) {
                                relationship(json, staffId(event.staff()), "handler");
                            }
                            json.writeEndArray();
                            json.writeEndObject();
                        }
                    }
                }
            });
            json.writeEndArray();
            json.writeEndObject();
        }
    }

    /** Opens an object and writes its id, type and attributes, leaving its relationships open for the caller. */
    private static void object(JsonGenerator json, String id, String type, Map<String, String> attributes) {
        json.writeStartObject();
        json.writeStringProperty("id", id);
        json.writeStringProperty("type", type);
        json.writeName("attributes");
        json.writeStartArray();
        attributes.forEach((name, value) -> objectAttribute(json, name, value));
        json.writeEndArray();
        json.writeName("relationships");
        json.writeStartArray();
    }

    /** Opens an event and writes its id, type and time, leaving its attributes open for the caller. */
    private static void event(JsonGenerator json, String id, String type, Instant at) {
        json.writeStartObject();
        json.writeStringProperty("id", id);
        json.writeStringProperty("type", type);
        json.writeStringProperty("time", DateTimeFormatter.ISO_INSTANT.format(at));
        json.writeName("attributes");
        json.writeStartArray();
    }

    private static void objectType(JsonGenerator json, String name, String... attributes) {
        json.writeStartObject();
        json.writeStringProperty("name", name);
        json.writeName("attributes");
        json.writeStartArray();
        for (String attribute : attributes) {
            attributeType(json, attribute, "string");
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private static void attributeType(JsonGenerator json, String name, String type) {
        json.writeStartObject();
        json.writeStringProperty("name", name);
        json.writeStringProperty("type", type);
        json.writeEndObject();
    }

    /** An object's attribute holds from the beginning: OCEL 2.0 dates it at the epoch. */
    private static void objectAttribute(JsonGenerator json, String name, String value) {
        json.writeStartObject();
        json.writeStringProperty("name", name);
        json.writeStringProperty("time", "1970-01-01T00:00:00Z");
        json.writeStringProperty("value", value);
        json.writeEndObject();
    }

    private static void relationship(JsonGenerator json, String objectId, String qualifier) {
        json.writeStartObject();
        json.writeStringProperty("objectId", objectId);
        json.writeStringProperty("qualifier", qualifier);
        json.writeEndObject();
    }

    private static String orderId(NodeDeadline node) {
        return "order-" + node.orderNo();
    }

    private static String taskId(NodeDeadline node) {
        return "task-" + node.id();
    }

    private static String staffId(String username) {
        return "staff-" + username;
    }

    /** An event type without attributes. */
    private static void eventType(JsonGenerator json, String name) {
        json.writeStartObject();
        json.writeStringProperty("name", name);
        json.writeName("attributes");
        json.writeStartArray();
        json.writeEndArray();
        json.writeEndObject();
    }

    private String eventType(String verb, String nodeCode, Locale locale) {
        return messages.getMessage("insight.export.event." + verb, new Object[] {nodeName(nodeCode, locale)}, locale);
    }

    // --- shared

    /** A node's start (reached) or its completion, at its time. */
    private record Step(NodeDeadline node, Instant at, boolean complete) {
    }

    /** An order's events in time, starts before completions at the same moment. */
    private static List<Step> steps(List<NodeDeadline> order) {
        List<Step> steps = new ArrayList<>();
        for (NodeDeadline node : order) {
            steps.add(new Step(node, node.reachedAt(), false));
            if (node.completedAt() != null && !node.cancelled()) {
                steps.add(new Step(node, node.completedAt(), true));
            }
        }
        steps.sort(Comparator.comparing(Step::at).thenComparing(Step::complete, Comparator.reverseOrder()));
        return steps;
    }

    /** Orders of the history handed over together, with their other objects. */
    private record Batch(List<List<NodeDeadline>> orders, Map<Long, List<Mined>> objects) {

        List<Mined> objectsOf(long orderId) {
            return objects.getOrDefault(orderId, List.of());
        }
    }

    /** Another object of an order, with its type's name. */
    private record Mined(String type, ProcessObjects.MinedObject object) {
    }

    /** Streams the history in batches of {@value #BATCH} orders, so that each batch reads its other objects at once. */
    private void byBatch(Export export, Locale locale, Consumer<Batch> each) {
        List<List<NodeDeadline>> orders = new ArrayList<>();
        Runnable flush = () -> {
            List<Long> ids = orders.stream().map(o -> o.get(0).orderId()).toList();
            Map<Long, List<Mined>> mined = new HashMap<>();
            objects.forEach(kind -> kind.ofOrders(ids, locale).forEach((order, found) -> found.forEach(
                    object -> mined.computeIfAbsent(order, o -> new ArrayList<>()).add(new Mined(kind.type(), object)))));
            each.accept(new Batch(List.copyOf(orders), mined));
            orders.clear();
        };
        byOrder(export, order -> {
            orders.add(order);
            if (orders.size() == BATCH) {
                flush.run();
            }
        });
        if (!orders.isEmpty()) {
            flush.run();
        }
    }

    /** Streams the history and hands it over one order at a time. */
    private void byOrder(Export export, Consumer<List<NodeDeadline>> each) {
        List<NodeDeadline> current = new ArrayList<>();
        history.reached(export.from(), export.to(), export.scope(), export.typeCode(), node -> {
            if (!current.isEmpty() && current.get(0).orderId() != node.orderId()) {
                each.accept(List.copyOf(current));
                current.clear();
            }
            current.add(node);
        });
        if (!current.isEmpty()) {
            each.accept(List.copyOf(current));
        }
    }

    private String nodeName(String nodeCode, Locale locale) {
        return messages.getMessage("catalogue.node." + nodeCode, null, nodeCode, locale);
    }

    private String typeName(String typeCode, Locale locale) {
        return catalogue.findCurrent(typeCode).map(t -> t.name(locale)).orElse(typeCode);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}

package org.yekuo.insight;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Objects of orders beyond their nodes, with their events, for the process-mining export (OCEL 2.0): a module that
 * keeps such objects (materials at stock, coordination questions) offers them here, so the export reads them without
 * depending on that module.
 */
public interface ProcessObjects {

    /** The object type's name in the log, e.g. {@code materials}. */
    String type();

    /** The names of the type's attributes. */
    List<String> attributes();

    /** The names of the type's events in the reader's language, each with no attributes. */
    List<String> eventTypes(Locale locale);

    /** The objects of these orders, by order id; each order's in the order they came about. */
    Map<Long, List<MinedObject>> ofOrders(Collection<Long> orderIds, Locale locale);

    /** An object: an id unique in the log, its attributes' values, its events in time. */
    record MinedObject(String id, Map<String, String> attributes, List<MinedEvent> events) {
    }

    /** An event of an object: its type (one of {@link #eventTypes}), when, and who acted (null: nobody, e.g. a clock). */
    record MinedEvent(String type, Instant at, String staff) {
    }
}

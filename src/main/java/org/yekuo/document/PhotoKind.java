package org.yekuo.document;

/**
 * What a field photo shows; its label is {@code intake.photo.kind.<name>}. A route sketch is a drawing (a photographed
 * paper sketch or a blank sheet) that the line route is marked on.
 */
public enum PhotoKind {
    METER_POSITION, SITE, ROUTE_SKETCH;

    public String messageKey() {
        return "intake.photo.kind." + name();
    }
}

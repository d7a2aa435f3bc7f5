package org.yekuo.intake;

/** What a field photo shows; its label is {@code intake.photo.kind.<name>}. */
public enum PhotoKind {
    METER_POSITION, SITE;

    public String messageKey() {
        return "intake.photo.kind." + name();
    }
}

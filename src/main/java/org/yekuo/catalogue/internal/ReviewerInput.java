package org.yekuo.catalogue.internal;

/** A reviewing department as entered: its code and an optional capacity threshold in kW, both raw text. */
public record ReviewerInput(String department, String onlyAboveKw) {
}

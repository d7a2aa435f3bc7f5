package org.yekuo.intake;

/** Requested capacity: transformer capacity in kVA, or load (or PV output) in kW. */
public enum CapacityUnit {
    KVA, KW
}

package org.yekuo.workflow;

/** The process families: one BPMN each, parameterised per business type by its planned nodes. */
public enum ProcessFamily {
    LV("lvConnection"), HV("hvConnection"), CHANGE("contractChange"), PV("pvConnection");

    private final String processKey;

    ProcessFamily(String processKey) {
        this.processKey = processKey;
    }

    public String processKey() {
        return processKey;
    }
}

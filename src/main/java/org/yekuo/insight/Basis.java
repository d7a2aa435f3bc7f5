package org.yekuo.insight;

/**
 * Whose history a forecast rests on: the station's own cases of the type and node, the whole company's
 * cases of the type and node, the company's cases of the node in any type, or none at all.
 */
public enum Basis {
    STATION, COMPANY, NODE, NONE
}

package org.yekuo.evaluation;

/**
 * What a customer rates (R-EVA-2): timeliness, attitude and communication, each 1 to 5 stars, and an
 * optional comment. Values arrive as typed, so that a missing or wrong one is named, not guessed.
 */
public record Rating(Integer timeliness, Integer attitude, Integer communication, String comment) {
}

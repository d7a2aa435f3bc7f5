package org.yekuo.floorsfixture.orders;

public record Order(long id) {
}

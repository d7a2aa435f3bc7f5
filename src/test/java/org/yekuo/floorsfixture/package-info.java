/**
 * Three tiny modules that ModularityTests checks, to prove that a use of a module not declared in
 * {@code allowedDependencies} fails verification: billing declares none and uses orders; shipping
 * declares orders and uses it.
 */
package org.yekuo.floorsfixture;

@org.springframework.modulith.ApplicationModule(allowedDependencies = { "orders" })
package org.yekuo.floorsfixture.shipping;

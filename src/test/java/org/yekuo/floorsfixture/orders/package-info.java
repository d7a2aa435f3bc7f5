@org.springframework.modulith.ApplicationModule(allowedDependencies = {})
package org.yekuo.floorsfixture.orders;

/**
 * The shared kernel: error answers in the user's language, locale handling and the clock that every
 * module uses.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN,
        displayName = "Shared kernel")
package org.yekuo.shared;

/**
 * The shared kernel: error answers in the user's language, locale handling, the clock that every
 * module uses, the masking and encryption of personal data, the SM3 digest and printable QR codes.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Shared kernel", allowedDependencies = {})
package org.yekuo.shared;

package org.yekuo.intake;

/** A person applies with a resident ID number, an organisation with its unified social credit code. */
public enum ApplicantKind {
    PERSON, ORGANISATION
}

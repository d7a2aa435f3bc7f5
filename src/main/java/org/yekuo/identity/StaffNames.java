package org.yekuo.identity;

import org.springframework.stereotype.Component;

/**
 * Staff as pages name them: by display name, never by username. Templates call it as
 * {@code ${@staffNames.of(username)}} where a row carries only the username it was recorded with.
 */
@Component("staffNames")
public class StaffNames {

    private final StaffMembers staff;

    StaffNames(StaffMembers staff) {
        this.staff = staff;
    }

    /** The display name of {@code username}, the username itself when nobody has it, null for null. */
    public String of(String username) {
        return username == null ? null : staff.byUsername(username).map(StaffMember::displayName).orElse(username);
    }
}

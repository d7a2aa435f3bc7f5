package org.yekuo.identity.internal;

import java.util.Map;

import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * A member of staff signed in with the company account: Yekuo's own view of them (roles and org unit as the
 * mapping rules gave them) together with the provider's ID token, which signing out hands back to the provider.
 */
final class CompanyStaff extends StaffPrincipal implements OidcUser {

    private final OidcIdToken idToken;
    private final OidcUserInfo userInfo;

    CompanyStaff(StaffPrincipal staff, OidcIdToken idToken, OidcUserInfo userInfo) {
        super(staff);
        this.idToken = idToken;
        this.userInfo = userInfo;
    }

    @Override
    public Map<String, Object> getClaims() {
        return idToken.getClaims();
    }

    @Override
    public OidcUserInfo getUserInfo() {
        return userInfo;
    }

    @Override
    public OidcIdToken getIdToken() {
        return idToken;
    }

    @Override
    public Map<String, Object> getAttributes() {
        return idToken.getClaims();
    }

    /** The Yekuo username, so that audit and session records name the member as a password sign-in would. */
    @Override
    public String getName() {
        return getUsername();
    }
}

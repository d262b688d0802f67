package org.safereport.notification.domain;

import java.util.Locale;
import java.util.Map;

/** How a message names a role of the routing policy to a person: "the Designated Safeguarding Lead". */
public final class Roles {

    private static final Map<String, String> NAMES = Map.of(
            "DSL", "Designated Safeguarding Lead",
            "DEPUTY_DSL", "Deputy Designated Safeguarding Lead",
            "CHIEF_EXECUTIVE", "Chief Executive",
            "LINE_MANAGER", "line manager",
            "CHAIR_OF_TRUSTEES", "Chair of Trustees");

    private Roles() {
    }

    /** {@code DEPUTY_DSL} as "Deputy Designated Safeguarding Lead"; a role it does not know in plain words; "" for none. */
    public static String describe(String role) {
        if (role == null || role.isBlank()) {
            return "";
        }
        String known = NAMES.get(role.strip());
        return known != null ? known : role.strip().replace('_', ' ').toLowerCase(Locale.ROOT);
    }
}

package org.safereport.intake.config;

import io.smallrye.config.ConfigMapping;

import java.util.Set;

@ConfigMapping(prefix = "intake")
public interface IntakeConfig {

    /**
     * The category codes a report may carry: the codes of the routing policy in force. The escalation
     * service routes any other code to the Chief Executive, so this list only spares reporters a typo.
     */
    Set<String> categories();
}

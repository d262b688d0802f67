package org.safereport.intake.api.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** The server-rendered pages (templates in {@code src/main/resources/templates}); none needs JavaScript. */
@CheckedTemplate(basePath = "", requireTypeSafeExpressions = false)
public class Pages {

    private Pages() {
    }

    public static native TemplateInstance form(FormView form);

    public static native TemplateInstance confirmation(Confirmation receipt);

    public static native TemplateInstance status(String reference, boolean notFound);

    public static native TemplateInstance statusResult(StatusPage report);

    public static native TemplateInstance notReady();
}

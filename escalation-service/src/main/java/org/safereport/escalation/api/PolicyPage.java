package org.safereport.escalation.api;

import io.quarkus.qute.RawString;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.safereport.escalation.domain.policy.CategoryRule;
import org.safereport.escalation.domain.policy.Role;
import org.safereport.escalation.domain.policy.RoutingPolicy;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The policy as every member reads it: its own words (Markdown: headings, paragraphs, lists), and the routing file
 * as "who to tell, how fast". HTML written in the text is shown as text, never as markup, and a link can only go
 * somewhere safe, so that the text file cannot put anything on the page but words.
 */
final class PolicyPage {

    private static final Parser MARKDOWN = Parser.builder().build();
    private static final HtmlRenderer HTML = HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build();

    private PolicyPage() {
    }

    /**
     * One line of the table: what happened, who to tell, how fast they respond, and who it goes to next.
     *
     * @param thenTo the roles the report goes on to, in order, when nobody responds in time; "" for none
     */
    record WhoToTell(String happened, String urgency, String tell, String within, String thenTo) {
    }

    static RawString text(String markdown) {
        return new RawString(HTML.render(MARKDOWN.parse(markdown)));
    }

    static List<WhoToTell> whoToTell(RoutingPolicy policy) {
        return policy.categories().values().stream().map(PolicyPage::row).toList();
    }

    private static WhoToTell row(CategoryRule rule) {
        return new WhoToTell(rule.label(), rule.urgency(), capitalised(rule.firstRecipient().title()), rule.deadline().describe(),
                rule.chain().stream().map(CategoryRule.ChainStep::role).map(Role::label).collect(Collectors.joining(", then ")));
    }

    private static String capitalised(String words) {
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}

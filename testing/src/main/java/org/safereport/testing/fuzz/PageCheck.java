package org.safereport.testing.fuzz;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Comment;
import org.jsoup.nodes.DataNode;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.select.NodeVisitor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.safereport.testing.fuzz.HostileInput.MARKER;

/**
 * Parses a page as a browser would and says whether a {@linkplain HostileInput#scripts() script payload}
 * became markup: the payloads' marker may only be text (an element's text, a text field's value), never a
 * tag, an attribute, a script, a style or a comment. Our pages have no script at all, no event handler
 * attribute and no {@code javascript:} URL, so any of those is an injection too.
 */
public final class PageCheck {

    private PageCheck() {
    }

    /** What in {@code html} came from a payload as markup; empty when every payload stayed text. */
    public static List<String> injected(String html) {
        Document page = Jsoup.parse(html);
        List<String> findings = new ArrayList<>();
        for (Element element : page.getAllElements()) {
            String tag = element.normalName();
            if (tag.contains(MARKER) || tag.equals("script") || tag.equals("iframe")) {
                findings.add("element <" + tag + ">");
            }
            for (Attribute attribute : element.attributes()) {
                String key = attribute.getKey().toLowerCase(Locale.ROOT);
                String value = attribute.getValue();
                boolean textFieldValue = key.equals("value") && (tag.equals("input") || tag.equals("option"));
                if (key.contains(MARKER) || key.startsWith("on") || key.equals("srcdoc") || !textFieldValue
                        && (value.contains(MARKER) || value.strip().toLowerCase(Locale.ROOT).startsWith("javascript:"))) {
                    findings.add("attribute " + attribute.getKey() + "=\"" + HostileInput.describe(value) + "\" on <" + tag + ">");
                }
            }
        }
        page.traverse((NodeVisitor) (Node node, int depth) -> {
            if (node instanceof DataNode data && data.getWholeData().contains(MARKER)) {
                findings.add("script or style content " + HostileInput.describe(data.getWholeData()));
            } else if (node instanceof Comment comment && comment.getData().contains(MARKER)) {
                findings.add("comment " + HostileInput.describe(comment.getData()));
            }
        });
        return findings;
    }

    /** Whether {@code payload} is on the page as text a person reads, or as the value of a text field. */
    public static boolean showsAsText(String html, String payload) {
        Document page = Jsoup.parse(html);
        String normal = payload.strip().replaceAll("\\s+", " ");
        return page.text().contains(normal) || page.select("input, textarea").stream()
                .anyMatch(field -> (field.normalName().equals("textarea") ? field.wholeText() : field.attr("value")).contains(payload));
    }
}

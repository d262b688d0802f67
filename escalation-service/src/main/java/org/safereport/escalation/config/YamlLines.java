package org.safereport.escalation.config;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.io.StringReader;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the line of a field in a YAML document, so that a validation message can say where to look:
 * {@code categories[2].chain[0].role} is the line of that value, or of the nearest enclosing one that
 * exists (for a missing field, the item it is missing from).
 */
final class YamlLines {

    private static final Pattern SEGMENT = Pattern.compile("([^.\\[\\]]+)|\\[(\\d+)]");

    private final Node root;

    YamlLines(String yaml) {
        Node parsed;
        try {
            parsed = new Yaml(new LoaderOptions()).compose(new StringReader(yaml));
        } catch (RuntimeException e) {
            parsed = null;
        }
        this.root = parsed;
    }

    /** The 1-based line of {@code path}, if the document has it or an enclosing node. */
    OptionalInt lineOf(String path) {
        if (root == null) {
            return OptionalInt.empty();
        }
        Node node = root;
        Matcher segments = SEGMENT.matcher(path);
        while (segments.find()) {
            Node child = segments.group(1) != null ? field(node, segments.group(1)) : item(node, Integer.parseInt(segments.group(2)));
            if (child == null) {
                break;
            }
            node = child;
        }
        return OptionalInt.of(node.getStartMark().getLine() + 1);
    }

    private static Node field(Node node, String name) {
        if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode key && key.getValue().equals(name)) {
                    return tuple.getValueNode();
                }
            }
        }
        return null;
    }

    private static Node item(Node node, int index) {
        if (node instanceof SequenceNode sequence && index < sequence.getValue().size()) {
            return sequence.getValue().get(index);
        }
        return null;
    }
}

package org.stationd.config;

import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * Where a key of stations.yaml is written, for checks made after loading (a program's settings):
 * a path of map keys and list indexes, e.g. {@code stations, 0, settings, jingle}. The deepest part
 * of the path that exists answers, so a missing setting is placed at its station's {@code settings:}.
 */
public final class ConfigPositions {
    private final String file;
    private final Node root;

    private ConfigPositions(String file, Node root) {
        this.file = file;
        this.root = root;
    }

    /** Reads the file's text again (it loaded, so it parses); positions are 0:0 if it does not. */
    public static ConfigPositions of(java.nio.file.Path file) {
        Node root = null;
        try {
            String text = ConfigText.read(file);
            LoadSettings settings = LoadSettings.builder().setLabel(file.toString()).setCodePointLimit(ConfigText.MAX_BYTES).build();
            root = new Composer(settings, new NestingLimit(new ParserImpl(settings, new StreamReader(settings, text)))).getSingleNode().orElse(null);
        } catch (ConfigException | RuntimeException unreadable) {
            // no positions: errors still name the key
        }
        return new ConfigPositions(file.toString(), root);
    }

    /** An error at the deepest written part of {@code path}; {@code key} is what it names. */
    public ConfigError error(String key, String message, Object... path) {
        Node at = root;
        for (Object part : path) {
            Node next = child(at, part);
            if (next == null) break;
            at = next;
        }
        Optional<Mark> m = at == null ? Optional.empty() : at.getStartMark();
        return new ConfigError(file, m.map(x -> x.getLine() + 1).orElse(0), m.map(x -> x.getColumn() + 1).orElse(0), key, message);
    }

    private static Node child(Node node, Object part) {
        if (node instanceof SequenceNode s && part instanceof Integer i) {
            return i < s.getValue().size() ? s.getValue().get(i) : null;
        }
        if (node instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(String.valueOf(part))) {
                    return t.getValueNode();
                }
            }
        }
        return null;
    }
}

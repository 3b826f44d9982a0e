package io.jpod.kube;

import io.jpod.error.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Reads Kubernetes YAML (one or many documents) into {@link KubeDocument}s that remember where they start. */
public final class KubeReader {
    private final YAMLMapper mapper;

    public KubeReader(YAMLMapper mapper) {
        this.mapper = mapper;
    }

    public KubeReader() {
        this(KubeMapper.yaml());
    }

    /** Reads a file, or standard input when {@code file} is "-". */
    public List<KubeDocument> read(String file, Inputs inputs) {
        if ("-".equals(file)) {
            return parse("-", inputs.stdin());
        }
        try (InputStream in = Files.newInputStream(inputs.resolve(file))) {
            return parse(file, in);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file, "no such file");
        } catch (IOException e) {
            throw new InvalidInputException(file, "cannot read: " + e.getMessage());
        }
    }

    /**
     * Parses every document of {@code in}; empty documents are skipped, and a {@code kind: List}
     * is replaced by its items (each with where it starts).
     */
    public List<KubeDocument> parse(String source, InputStream in) {
        byte[] bytes;
        try {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new InvalidInputException(source, "cannot read: " + e.getMessage(), e);
        }
        List<KubeDocument> docs = new ArrayList<>();
        for (KubeDocument d : documents(source, new ByteArrayInputStream(bytes))) {
            if ("List".equals(d.kind())) {
                docs.addAll(items(d));
            } else {
                docs.add(d);
            }
        }
        return docs;
    }

    /**
     * The items of a {@code kind: List} document, each where it is in the file, with its own duplicate
     * keys; a key given twice in the List itself (not in an item) is the List's error, since the List
     * is not validated as a document.
     */
    private static List<KubeDocument> items(KubeDocument list) {
        FieldPath itemsPath = FieldPath.of("items");
        for (Violation v : list.duplicateKeys()) {
            if (itemOf(v) < 0) {
                throw new InvalidInputException(v.where(list), v.path() + ": " + v.message());
            }
        }
        JsonNode items = list.node().get("items");
        if (items == null || items.isNull()) {
            return List.of();
        }
        if (!items.isArray()) {
            throw new InvalidInputException(list.at(itemsPath), "items: a List's items must be a list of objects");
        }
        List<KubeDocument> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            FieldPath path = itemsPath.index(i);
            if (!item.isObject()) {
                throw new InvalidInputException(list.at(path), path + ": a List's items must be objects");
            }
            if ("List".equals(item.path("kind").asString(""))) {
                throw new InvalidInputException(list.at(path), path + ": a List inside a List is not supported");
            }
            int[] lc = list.locations().find(path.pointer());
            List<Violation> duplicates = new ArrayList<>();
            for (Violation v : list.duplicateKeys()) {
                if (itemOf(v) == i) {
                    List<Object> parts = v.path().parts();
                    duplicates.add(new Violation(new FieldPath(parts.subList(2, parts.size())), v.message(), v.at()));
                }
            }
            out.add(new KubeDocument(list.source(), lc == null ? list.line() : lc[0], lc == null ? list.column() : lc[1], item,
                    list.locations().below(path.pointer()), duplicates));
        }
        return out;
    }

    /** The index of the List's item a violation is in ({@code items[i]} or below), or -1 when in none. */
    private static int itemOf(Violation v) {
        List<Object> parts = v.path().parts();
        return parts.size() >= 2 && "items".equals(parts.get(0)) && parts.get(1) instanceof Integer i ? i : -1;
    }

    private List<KubeDocument> documents(String source, InputStream in) {
        List<KubeDocument> docs = new ArrayList<>();
        try (JsonParser p = mapper.createParser(in)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                TokenStreamLocation loc = p.currentTokenLocation();
                if (t == JsonToken.VALUE_NULL) {
                    continue; // an empty document ("---" with nothing after it)
                }
                if (t != JsonToken.START_OBJECT) {
                    throw new InvalidInputException(source + ":" + loc.getLineNr() + ":" + loc.getColumnNr(),
                            "a Kubernetes document must be a mapping, found " + describe(t));
                }
                LocatedTree.Located tree;
                try {
                    tree = LocatedTree.read(p);
                } catch (StreamConstraintsException e) {
                    // the parser's own wording names its Java setting; say it in jpod's, where the limit was passed
                    TokenStreamLocation deep = p.currentTokenLocation();
                    throw new InvalidInputException(source + ":" + deep.getLineNr() + ":" + deep.getColumnNr(),
                            "invalid YAML: nested more than " + p.streamReadConstraints().getMaxNestingDepth()
                                    + " levels deep (a Kubernetes object never needs so many)", e);
                }
                docs.add(new KubeDocument(source, loc.getLineNr(), loc.getColumnNr(), tree.node(), tree.locations(),
                        tree.duplicateKeys()));
            }
        } catch (JacksonException e) {
            for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
                if (t instanceof IOException io) { // not the YAML's fault: the input could not be read
                    throw new InvalidInputException(source, "cannot read: " + io.getMessage(), e);
                }
            }
            throw syntaxError(source, e);
        }
        return docs;
    }

    static InvalidInputException syntaxError(String source, JacksonException e) {
        // snakeyaml knows where the problem is; Jackson's location is that of the last token read
        if (e.getCause() instanceof MarkedYamlEngineException m && m.getProblemMark().isPresent()) {
            Mark at = m.getProblemMark().get();
            String problem = firstLine(m.getProblem());
            String context = m.getContext() == null ? "" : firstLine(m.getContext())
                    + m.getContextMark().map(c -> " at " + (c.getLine() + 1) + ":" + (c.getColumn() + 1)).orElse("") + ": ";
            return new InvalidInputException(source + ":" + (at.getLine() + 1) + ":" + (at.getColumn() + 1),
                    "invalid YAML: " + context + problem, e);
        }
        TokenStreamLocation loc = e.getLocation();
        String where = loc == null || loc.getLineNr() < 0 ? source : source + ":" + loc.getLineNr() + ":" + loc.getColumnNr();
        return new InvalidInputException(where, "invalid YAML: " + firstLine(e.getOriginalMessage()), e);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "syntax error";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).trim();
    }

    private static String describe(JsonToken t) {
        return switch (t) {
            case START_ARRAY -> "a list";
            case VALUE_STRING -> "a string";
            default -> "a scalar";
        };
    }
}

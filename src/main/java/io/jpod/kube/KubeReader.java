package io.jpod.kube;

import io.jpod.error.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
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
    public List<KubeDocument> read(String file, InputStream stdin) {
        if ("-".equals(file)) {
            return parse("-", stdin);
        }
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            return parse(file, in);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file, "no such file");
        } catch (IOException e) {
            throw new InvalidInputException(file, "cannot read: " + e.getMessage());
        }
    }

    /** Parses every document of {@code in}; empty documents are skipped. */
    public List<KubeDocument> parse(String source, InputStream in) {
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
                JsonNode node = mapper.readTree(p);
                docs.add(new KubeDocument(source, loc.getLineNr(), loc.getColumnNr(), node));
            }
        } catch (JacksonException e) {
            throw syntaxError(source, e);
        }
        return docs;
    }

    static InvalidInputException syntaxError(String source, JacksonException e) {
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

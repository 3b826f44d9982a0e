package io.jpod.cli.format;

import io.jpod.cli.format.TemplateNode.Action;
import io.jpod.cli.format.TemplateNode.Arg;
import io.jpod.cli.format.TemplateNode.Branch;
import io.jpod.cli.format.TemplateNode.Command;
import io.jpod.cli.format.TemplateNode.Field;
import io.jpod.cli.format.TemplateNode.Function;
import io.jpod.cli.format.TemplateNode.Literal;
import io.jpod.cli.format.TemplateNode.Pipeline;
import io.jpod.cli.format.TemplateNode.Sub;
import io.jpod.cli.format.TemplateNode.Text;
import io.jpod.error.InvalidInputException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A parsed Go text/template (the subset {@link TemplateParser} accepts), run against rows the way
 * podman runs {@code --format}. The data passed to {@link #execute} is treated like a Go struct: a
 * field it lacks is an error ({@code can't evaluate field Foo}). Maps below it are Go maps: a
 * missing key is {@code <no value>}. A record's component is found by its exact name or, for a
 * capitalized (Go-exported) field name, ignoring case: {@code .ImageID} reads {@code imageId()}.
 */
public final class GoTemplate {
    static final String NAME = "output";
    private static final Object NO_ARGUMENT = new Object();

    private final String text;
    private final List<TemplateNode> nodes;

    private GoTemplate(String text, List<TemplateNode> nodes) {
        this.text = text;
        this.nodes = nodes;
    }

    /** Parses {@code text}; throws InvalidInputException naming the problem and line. */
    public static GoTemplate parse(String text) {
        return new GoTemplate(text, TemplateParser.parse(text));
    }

    /** Runs the template on {@code data}; throws InvalidInputException naming the failing action. */
    public String execute(Object data) {
        StringBuilder out = new StringBuilder();
        new Run(data, out).nodes(nodes, data);
        return out.toString();
    }

    /**
     * The table header podman shows for this template: literal text kept, each action replaced by
     * the name of the first field it uses, upper-cased and split at camel-case humps
     * ({@code {{.CreatedAt}}} gives {@code CREATED AT}).
     */
    public String header() {
        return nodes.stream().map(n -> n instanceof Text t ? t.text()
                : headerOf(firstField(n instanceof Action a ? a.pipeline() : ((Branch) n).pipeline())))
                .collect(Collectors.joining());
    }

    private static String headerOf(Optional<String> field) {
        return field.map(f -> String.join(" ", camelCaseWords(f)).toUpperCase(Locale.ROOT)).orElse("");
    }

    private static Optional<String> firstField(Pipeline pipeline) {
        return pipeline.commands().stream().flatMap(c -> c.args().stream()).flatMap(arg -> {
            if (arg instanceof Field f && !f.names().isEmpty()) {
                return Stream.of(f.names().get(0));
            }
            return arg instanceof Sub s ? firstField(s.pipeline()).stream() : Stream.empty();
        }).findFirst();
    }

    /**
     * Splits a Go identifier into words as fatih/camelcase does (used by podman for headers):
     * runs of lower case, upper case and digits, an upper-case run giving its last letter to a
     * following lower-case run ({@code ImageID} to Image ID, {@code PDFLoader} to PDF Loader).
     */
    static List<String> camelCaseWords(String name) {
        List<StringBuilder> runs = new ArrayList<>();
        int lastKind = -1;
        for (int cp : name.codePoints().toArray()) {
            int kind = Character.isLowerCase(cp) ? 0 : Character.isUpperCase(cp) ? 1 : Character.isDigit(cp) ? 2 : 3;
            if (kind != lastKind) {
                runs.add(new StringBuilder());
            }
            runs.get(runs.size() - 1).appendCodePoint(cp);
            lastKind = kind;
        }
        for (int i = 0; i + 1 < runs.size(); i++) {
            StringBuilder run = runs.get(i);
            StringBuilder next = runs.get(i + 1);
            if (Character.isUpperCase(run.codePointAt(0)) && Character.isLowerCase(next.codePointAt(0))) {
                next.insert(0, run.charAt(run.length() - 1));
                run.setLength(run.length() - 1);
            }
        }
        return runs.stream().map(StringBuilder::toString).filter(s -> !s.isEmpty()).collect(Collectors.toList());
    }

    /** One execution: the data ({@code $}) and the output so far. */
    private final class Run {
        private final Object data;
        private final StringBuilder out;

        Run(Object data, StringBuilder out) {
            this.data = data;
            this.out = out;
        }

        void nodes(List<TemplateNode> list, Object dot) {
            for (TemplateNode node : list) {
                if (node instanceof Text t) {
                    out.append(t.text());
                } else if (node instanceof Action a) {
                    out.append(GoValues.print(pipeline(a.pipeline(), dot)));
                } else {
                    branch((Branch) node, dot);
                }
            }
        }

        private void branch(Branch b, Object dot) {
            Object value = pipeline(b.pipeline(), dot);
            switch (b.kind()) {
                case IF -> nodes(GoValues.truth(value) ? b.body() : b.otherwise(), dot);
                case WITH -> {
                    if (GoValues.truth(value)) {
                        nodes(b.body(), value);
                    } else {
                        nodes(b.otherwise(), dot);
                    }
                }
                case RANGE -> {
                    List<?> items = value instanceof Map<?, ?> m ? sortedValues(m) : value == null ? List.of() : GoValues.asList(value);
                    if (items == null) {
                        throw error(b.pipeline().first(), "range can't iterate over " + GoValues.print(value));
                    }
                    if (items.isEmpty()) {
                        nodes(b.otherwise(), dot);
                    }
                    items.forEach(item -> nodes(b.body(), item));
                }
            }
        }

        private Object pipeline(Pipeline p, Object dot) {
            Object value = NO_ARGUMENT;
            for (Command c : p.commands()) {
                value = command(c, dot, value);
            }
            return value;
        }

        private Object command(Command c, Object dot, Object piped) {
            Arg first = c.args().get(0);
            if (first instanceof Function f) {
                List<Object> args = new ArrayList<>();
                c.args().subList(1, c.args().size()).forEach(a -> args.add(operand(a, dot)));
                if (piped != NO_ARGUMENT) {
                    args.add(piped);
                }
                return call(f, args);
            }
            if (c.args().size() > 1 || piped != NO_ARGUMENT) {
                throw error(first, "can't give argument to non-function " + first.source());
            }
            return operand(first, dot);
        }

        private Object operand(Arg arg, Object dot) {
            if (arg instanceof Field f) {
                Object value = f.fromRoot() ? data : dot;
                for (String name : f.names()) {
                    value = field(f, value, name);
                }
                return value;
            }
            if (arg instanceof Literal l) {
                return l.value();
            }
            if (arg instanceof Sub s) {
                return pipeline(s.pipeline(), dot);
            }
            return call((Function) arg, List.of());
        }

        private Object call(Function f, List<Object> args) {
            try {
                return TemplateFunctions.call(f.name(), args);
            } catch (IllegalArgumentException e) {
                throw error(f, e.getMessage());
            }
        }

        private Object field(Field f, Object receiver, String name) {
            if (receiver == null) {
                return null;
            }
            if (receiver instanceof Map<?, ?> map) {
                if (map.containsKey(name) || receiver != data) {
                    return map.get(name);
                }
            } else if (receiver instanceof Record r) {
                boolean exported = Character.isUpperCase(name.charAt(0));
                for (RecordComponent c : r.getClass().getRecordComponents()) {
                    if (c.getName().equals(name) || exported && c.getName().equalsIgnoreCase(name)) {
                        return GoValues.component(r, c);
                    }
                }
            } else {
                throw error(f, "can't evaluate field " + name + " in type " + GoValues.typeName(receiver));
            }
            throw error(f, "can't evaluate field " + name);
        }

        private List<Object> sortedValues(Map<?, ?> map) {
            Map<String, Object> sorted = new TreeMap<>();
            map.forEach((k, v) -> sorted.put(String.valueOf(k), v));
            return new ArrayList<>(sorted.values());
        }
    }

    private InvalidInputException error(Arg at, String message) {
        return new InvalidInputException(TemplateParser.location(text, at.pos(), true),
                "executing \"" + NAME + "\" at <" + at.source() + ">: " + message);
    }
}

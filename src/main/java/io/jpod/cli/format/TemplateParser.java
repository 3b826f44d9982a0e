package io.jpod.cli.format;

import io.jpod.cli.format.TemplateNode.Arg;
import io.jpod.cli.format.TemplateNode.Branch;
import io.jpod.cli.format.TemplateNode.Command;
import io.jpod.cli.format.TemplateNode.Field;
import io.jpod.cli.format.TemplateNode.Function;
import io.jpod.cli.format.TemplateNode.Kind;
import io.jpod.cli.format.TemplateNode.Literal;
import io.jpod.cli.format.TemplateNode.Pipeline;
import io.jpod.cli.format.TemplateNode.Sub;
import io.jpod.cli.format.TemplateNode.Text;
import io.jpod.error.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the subset of Go's text/template that podman users write: text, actions with pipelines,
 * fields, {@code $}, constants, function calls, parentheses, {@code if/else if/else/end},
 * {@code range}, {@code with}, comments and {@code {{- -}}} trimming. Errors read like Go's:
 * {@code template: output:1: unexpected EOF}.
 */
final class TemplateParser {
    private static final Pattern NUMBER = Pattern.compile("[-+]?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");
    private static final Pattern IDENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern CHAIN = Pattern.compile("(\\.[A-Za-z_][A-Za-z0-9_]*)+");

    private final String text;
    private int pos;
    private boolean trimNextText;
    /** How the last {@link #parseList} ended: "eof", "end", "else" or "else if" (with {@link #stopPipeline}). */
    private String stop;
    private Pipeline stopPipeline;

    private TemplateParser(String text) {
        this.text = text;
    }

    static List<TemplateNode> parse(String text) {
        TemplateParser p = new TemplateParser(text);
        List<TemplateNode> nodes = p.parseList();
        if (!p.stop.equals("eof")) {
            throw p.error("unexpected {{" + p.stop + "}}");
        }
        return nodes;
    }

    /** Go's error location: {@code template: output:LINE} or, with a column, {@code template: output:LINE:COL}. */
    static String location(String text, int pos, boolean withColumn) {
        String before = text.substring(0, Math.min(pos, text.length()));
        int line = 1 + (int) before.chars().filter(c -> c == '\n').count();
        String where = "template: " + GoTemplate.NAME + ":" + line;
        return withColumn ? where + ":" + (before.length() - before.lastIndexOf('\n') - 1) : where;
    }

    private InvalidInputException error(String message) {
        return new InvalidInputException(location(text, pos, false), message);
    }

    /** Text and actions up to {{end}}, {{else}} or the end of the text; sets {@link #stop}. */
    private List<TemplateNode> parseList() {
        List<TemplateNode> nodes = new ArrayList<>();
        while (true) {
            int open = text.indexOf("{{", pos);
            boolean trimLeft = open >= 0 && text.startsWith("{{-", open) && open + 3 < text.length()
                    && Character.isWhitespace(text.charAt(open + 3));
            String chunk = text.substring(pos, open < 0 ? text.length() : open);
            if (trimNextText) {
                chunk = chunk.stripLeading();
                trimNextText = false;
            }
            if (trimLeft) {
                chunk = chunk.stripTrailing();
            }
            if (!chunk.isEmpty()) {
                nodes.add(new Text(chunk));
            }
            if (open < 0) {
                pos = text.length();
                stop = "eof";
                return nodes;
            }
            pos = open + (trimLeft ? 3 : 2);
            TemplateNode node = parseAction();
            if (stop != null) {
                return nodes;
            }
            if (node != null) {
                nodes.add(node);
            }
        }
    }

    /** One action after its "{{"; null for a comment or a keyword that ends a list (then {@link #stop} is set). */
    private TemplateNode parseAction() {
        stop = null;
        skipSpaces();
        if (text.startsWith("/*", pos)) {
            int end = text.indexOf("*/", pos);
            if (end < 0) {
                throw error("unclosed comment");
            }
            pos = end + 2;
            expectClose();
            return null;
        }
        Matcher m = IDENT.matcher(text).region(pos, text.length());
        String keyword = m.lookingAt() ? m.group() : "";
        switch (keyword) {
            case "if", "with", "range" -> {
                pos = m.end();
                Branch branch = parseBranch(Kind.valueOf(keyword.toUpperCase(Locale.ROOT)), parsePipeline());
                stop = null; // the branch consumed its {{end}}
                return branch;
            }
            case "end" -> {
                pos = m.end();
                expectClose();
                stop = "end";
                return null;
            }
            case "else" -> {
                pos = m.end();
                skipSpaces();
                if (text.startsWith("if", pos) && !Character.isLetterOrDigit(charAt(pos + 2))) {
                    pos += 2;
                    stopPipeline = parsePipeline();
                    stop = "else if";
                } else {
                    expectClose();
                    stop = "else";
                }
                return null;
            }
            case "define", "template", "block", "break", "continue" -> throw error("{{" + keyword + "}} is not supported");
            default -> {
                return new TemplateNode.Action(parsePipeline());
            }
        }
    }

    private Branch parseBranch(Kind kind, Pipeline pipeline) {
        List<TemplateNode> body = parseList();
        switch (stop) {
            case "end" -> {
                return new Branch(kind, pipeline, body, List.of());
            }
            case "else" -> {
                List<TemplateNode> otherwise = parseList();
                if (!stop.equals("end")) {
                    throw error(stop.equals("eof") ? "unexpected EOF" : "expected end; found {{" + stop + "}}");
                }
                return new Branch(kind, pipeline, body, otherwise);
            }
            case "else if" -> {
                if (kind != Kind.IF) {
                    throw error("unexpected {{else if}} in " + kind.name().toLowerCase(Locale.ROOT));
                }
                return new Branch(kind, pipeline, body, List.of(parseBranch(Kind.IF, stopPipeline)));
            }
            default -> throw error("unexpected EOF");
        }
    }

    /** Commands separated by "|", up to and including the closing "}}". */
    private Pipeline parsePipeline() {
        Pipeline pipeline = parseCommands();
        expectClose();
        return pipeline;
    }

    /** Commands separated by "|", up to (not including) "}}" or ")". */
    private Pipeline parseCommands() {
        List<Command> commands = new ArrayList<>();
        while (true) {
            List<Arg> args = new ArrayList<>();
            for (Arg arg = parseOperand(); arg != null; arg = parseOperand()) {
                args.add(arg);
            }
            if (args.isEmpty()) {
                throw error("missing value for command");
            }
            commands.add(new Command(args));
            skipSpaces();
            if (charAt(pos) != '|') {
                return new Pipeline(commands);
            }
            pos++;
        }
    }

    /** The next operand, or null at "|", ")" or the end of the action. */
    private Arg parseOperand() {
        skipSpaces();
        int start = pos;
        char c = charAt(pos);
        if (c == '|' || c == ')' || atClose()) {
            return null;
        }
        if (c == 0) {
            throw error("unclosed action");
        }
        if (c == '(') {
            pos++;
            Pipeline inner = parseCommands();
            if (charAt(pos) != ')') {
                throw error("unclosed left paren");
            }
            pos++;
            return new Sub(start, inner);
        }
        if (c == '.' || c == '$') {
            if (c == '$' && IDENT.matcher(text).region(++pos, text.length()).lookingAt()) {
                throw error("variables are not supported");
            }
            Matcher m = CHAIN.matcher(text).region(pos, text.length());
            List<String> names = List.of();
            if (m.lookingAt()) {
                names = List.of(m.group().substring(1).split("\\."));
                pos = m.end();
            } else if (c == '.') {
                pos++;
            }
            return new Field(start, c == '$', names);
        }
        if (c == '"' || c == '`') {
            String value = c == '"' ? quoted() : raw();
            return new Literal(start, value, text.substring(start, pos));
        }
        Matcher number = NUMBER.matcher(text).region(pos, text.length());
        if (number.lookingAt()) {
            pos = number.end();
            String s = number.group();
            Object value = number.group(1) == null && number.group(2) == null ? (Object) Long.parseLong(s) : (Object) Double.parseDouble(s);
            return new Literal(start, value, s);
        }
        Matcher ident = IDENT.matcher(text).region(pos, text.length());
        if (ident.lookingAt()) {
            pos = ident.end();
            String name = ident.group();
            return switch (name) {
                case "true", "false" -> new Literal(start, Boolean.valueOf(name), name);
                case "nil" -> new Literal(start, null, name);
                default -> {
                    if (!TemplateFunctions.exists(name)) {
                        throw error("function \"" + name + "\" not defined");
                    }
                    yield new Function(start, name);
                }
            };
        }
        throw error("unexpected \"" + c + "\" in command");
    }

    private String quoted() {
        StringBuilder s = new StringBuilder();
        for (pos++; charAt(pos) != '"'; pos++) {
            char c = charAt(pos);
            if (c == 0 || c == '\n') {
                throw error("unterminated quoted string");
            }
            if (c == '\\') {
                c = charAt(++pos);
                switch (c) {
                    case 'n' -> s.append('\n');
                    case 't' -> s.append('\t');
                    case 'r' -> s.append('\r');
                    case '\\', '"', '\'' -> s.append(c);
                    case 'x', 'u' -> {
                        int len = c == 'x' ? 2 : 4;
                        try {
                            s.appendCodePoint(Integer.parseInt(text.substring(pos + 1, pos + 1 + len), 16));
                        } catch (RuntimeException e) {
                            throw error("invalid escape in quoted string");
                        }
                        pos += len;
                    }
                    default -> throw error("unknown escape sequence \\" + c + " in quoted string");
                }
            } else {
                s.append(c);
            }
        }
        pos++;
        return s.toString();
    }

    private String raw() {
        int end = text.indexOf('`', pos + 1);
        if (end < 0) {
            throw error("unterminated raw quoted string");
        }
        String s = text.substring(pos + 1, end);
        pos = end + 1;
        return s;
    }

    private boolean atClose() {
        return text.startsWith("}}", pos) || text.startsWith("-}}", pos) && pos > 0 && Character.isWhitespace(text.charAt(pos - 1));
    }

    private void expectClose() {
        skipSpaces();
        if (!atClose()) {
            throw error(charAt(pos) == 0 ? "unclosed action" : "unexpected \"" + charAt(pos) + "\" in command");
        }
        trimNextText = text.charAt(pos) == '-';
        pos += trimNextText ? 3 : 2;
    }

    private void skipSpaces() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private char charAt(int i) {
        return i < text.length() ? text.charAt(i) : 0;
    }
}

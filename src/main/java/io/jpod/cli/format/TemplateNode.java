package io.jpod.cli.format;

import java.util.List;

/** The parse tree of a Go text/template, as {@link TemplateParser} builds it and {@link GoTemplate} runs it. */
sealed interface TemplateNode {

    /** Literal text, printed as is. */
    record Text(String text) implements TemplateNode {
    }

    /** {@code {{pipeline}}}: prints the pipeline's value. */
    record Action(Pipeline pipeline) implements TemplateNode {
    }

    /** {@code {{if}}}, {@code {{with}}} or {@code {{range}}} with its body and {@code {{else}}} part. */
    record Branch(Kind kind, Pipeline pipeline, List<TemplateNode> body, List<TemplateNode> otherwise) implements TemplateNode {
    }

    enum Kind { IF, WITH, RANGE }

    /** Commands joined by {@code |}: each command's value becomes the last argument of the next. */
    record Pipeline(List<Command> commands) {
        Arg first() {
            return commands.get(0).args().get(0);
        }
    }

    /** A function and its arguments, or a single operand. */
    record Command(List<Arg> args) {
    }

    /** An operand; {@code pos} is its offset in the template text, {@code source} how it was written. */
    sealed interface Arg {
        int pos();

        String source();
    }

    /** {@code .}, {@code .A.B}, {@code $} or {@code $.A}: a field chain from the dot or from the data ({@code $}). */
    record Field(int pos, boolean fromRoot, List<String> names) implements Arg {
        @Override
        public String source() {
            String chain = names.isEmpty() ? "" : "." + String.join(".", names);
            return fromRoot ? "$" + chain : chain.isEmpty() ? "." : chain;
        }
    }

    /** A string, number, boolean or nil constant. */
    record Literal(int pos, Object value, String source) implements Arg {
    }

    /** A function name, e.g. {@code json}. */
    record Function(int pos, String name) implements Arg {
        @Override
        public String source() {
            return name;
        }
    }

    /** A parenthesized pipeline used as an operand. */
    record Sub(int pos, Pipeline pipeline) implements Arg {
        @Override
        public String source() {
            return "(...)";
        }
    }
}

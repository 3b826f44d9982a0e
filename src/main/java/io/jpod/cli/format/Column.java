package io.jpod.cli.format;

/** A table column: its header and the template that fills it, e.g. {@code new Column("NAMES", "{{.Names}}")}. */
public record Column(String header, String template) {
}

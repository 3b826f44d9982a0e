package io.jpod.engine;

import io.jpod.events.Events;
import io.jpod.json.Json;
import io.jpod.oci.ExecRecipe;
import io.jpod.state.ContainerRow;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The command of an exec probe or hook, run in its container by jpod-exec (src/main/c/jpod-exec.c, built into
 * target/ beside jpod.jar), which does what {@code runc exec} does for it (namespaces, cgroups, user, capabilities,
 * no_new_privs, seccomp, rlimits, environment) at a small part of runc's CPU: two Go runtimes started per exec
 * made exec probes the supervisor's main cost. What the helper is told comes from the
 * container's config.json and the runtime's state (the init's pid and start time: {@link ExecRecipe}). Without the
 * helper (a build without libseccomp's headers) the runtime's exec runs it, as {@code jpod exec} always does.
 */
final class ProbeExec {
    /** The helper's name, beside jpod.jar ({@link io.jpod.host.JpodBuild#beside}). */
    static final String HELPER = "jpod-exec";
    private final ContainerLifecycle life;
    private final Optional<Path> helper;
    private final Events events;
    /** How many containers' recipes are kept. */
    private static final int KEPT = 256;
    /** The recipes read, by container id: read again when config.json or the runtime's state.json changes (a restart). */
    private final RecipeCache<Recipe> recipes;

    ProbeExec(ContainerLifecycle life, Optional<Path> helper, Events events) {
        this.life = life;
        this.helper = helper;
        this.events = events;
        this.recipes = new RecipeCache<>(KEPT, id -> !Files.exists(life.paths(id).config())); // a removed container's bundle is gone
    }

    /** Runs {@code command} in {@code c}, its output kept in {@code output}, ended after {@code timeout} (exit code -1). */
    ExecResult run(ContainerRow c, List<String> command, Duration timeout, ByteArrayOutputStream output) {
        if (helper.isEmpty()) {
            events.debug("exec in " + c.name() + " through the runtime's exec: no jpod-exec beside jpod.jar (built without libseccomp-dev)");
            return new ExecSession(life.runtime(c)).runQuietly(c, command, timeout, output);
        }
        byte[] recipe;
        try {
            recipe = recipe(c, command);
        } catch (IOException | JacksonException | IllegalArgumentException e) {
            events.debug("exec in " + c.name() + " through the runtime's exec: " + e.getMessage());
            return new ExecSession(life.runtime(c)).runQuietly(c, command, timeout, output);
        }
        return ExecSession.quietly(c.name(), List.of(helper.get().toString()), recipe, timeout, output);
    }

    private byte[] recipe(ContainerRow c, List<String> command) throws IOException {
        Path config = life.paths(c.id()).config();
        Path state = life.runtime(c).root().resolve(c.id()).resolve("state.json");
        FileTime configTime = Files.getLastModifiedTime(config);
        FileTime stateTime = Files.exists(state) ? Files.getLastModifiedTime(state) : null;
        Recipe known = recipes.get(c.id());
        if (known == null || !known.config().equals(configTime) || !java.util.Objects.equals(known.state(), stateTime)
                || known.pid() != c.status().pid() && stateTime == null) {
            known = read(c, config, state, configTime, stateTime);
            recipes.put(c.id(), known);
        }
        return ExecRecipe.withCommand(known.recipe(), command);
    }

    private static Recipe read(ContainerRow c, Path config, Path state, FileTime configTime, FileTime stateTime) throws IOException {
        JsonNode spec = Json.mapper().readTree(config.toFile());
        long pid = c.status().pid();
        long start = 0;
        if (stateTime != null) { // runc's: the init it would exec beside, and when it started
            JsonNode s = Json.mapper().readTree(state.toFile());
            pid = s.path("init_process_pid").asLong(pid);
            start = s.path("init_process_start").asLong(0);
        }
        return new Recipe(configTime, stateTime, c.status().pid(), ExecRecipe.forContainer(spec, c.id(), pid, start));
    }

    /** A container's recipe as read from its config.json and state.json of these times, for its init {@code pid}. */
    private record Recipe(FileTime config, FileTime state, long pid, byte[] recipe) {
    }
}

package io.jpod.state;

import io.jpod.pod.PodSpec;
import java.time.Instant;

/** A pod as stored. */
public record PodRow(String id, String name, Instant created, PodSpec spec, String infraId) {
}

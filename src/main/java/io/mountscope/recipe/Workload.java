package io.mountscope.recipe;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** What a measurement runs: a mount storm, or reads of mountinfo at a grown table size. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.WRAPPER_OBJECT)
@JsonSubTypes({
    @JsonSubTypes.Type(value = Workload.Stress.class, name = "stress"),
    @JsonSubTypes.Type(value = Workload.Mountinfo.class, name = "mountinfo")})
public sealed interface Workload {
  /** A storm of the stress engine (docs/stress.md), always in a private mount namespace. */
  record Stress(Value pattern, Value layers, Value threads, Value duration, Value starts, Value warmup, Value cpus,
      Value node) implements Workload {}

  /** {@code reads} timed reads of this thread's mountinfo after adding {@code extra-mounts} mounts in a private namespace. */
  record Mountinfo(@JsonProperty("extra-mounts") Value extraMounts, Value reads) implements Workload {}
}

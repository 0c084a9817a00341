package io.mountscope.stress;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A line the worker writes on its stdout (JSON, one per line): progress while the storm runs,
 * then exactly one result or failure. The parent writes "stop" lines on the worker's stdin;
 * end of stdin means the parent is gone, and the worker stops too.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = WorkerMessage.Progress.class, name = "progress"),
    @JsonSubTypes.Type(value = WorkerMessage.Result.class, name = "result"),
    @JsonSubTypes.Type(value = WorkerMessage.Failure.class, name = "failure")})
sealed interface WorkerMessage {
  record Progress(StressProgress progress) implements WorkerMessage {}

  record Result(StressResult result) implements WorkerMessage {}

  /** The run failed: the exit code the CLI should use (2, 3 or 4) and one line saying why. */
  record Failure(int exitCode, String message) implements WorkerMessage {}
}

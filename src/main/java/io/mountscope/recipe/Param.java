package io.mountscope.recipe;

import java.util.List;

/** A recipe parameter: its type, default (may use node facts), bounds or choices, and what it is for. */
public record Param(Value type, @com.fasterxml.jackson.annotation.JsonProperty("default") Value defaultValue, Value min,
    Value max, List<Value> choices, Value help) {}

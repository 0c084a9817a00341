package io.mountscope.model;

import java.util.List;

/** How exposed this hardware is to mount-lock contention: low, medium or high, and why. */
public record Risk(String level, List<String> reasons) {
  public static final String LOW = "low";
  public static final String MEDIUM = "medium";
  public static final String HIGH = "high";
}

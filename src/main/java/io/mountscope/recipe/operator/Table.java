package io.mountscope.recipe.operator;

import java.util.List;

/** A small table for the operator: a title, column headers and rows of cells (numbers right-aligned). */
public record Table(String title, List<String> headers, List<List<String>> rows) {
  public Table {
    headers = List.copyOf(headers);
    rows = rows.stream().map(List::copyOf).toList();
  }
}

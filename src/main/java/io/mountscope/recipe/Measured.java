package io.mountscope.recipe;

import org.HdrHistogram.Histogram;

/** A measurement of this run: its report entry and the histogram its statistics come from. */
record Measured(RunReport.Measurement report, Histogram histogram) {}

package io.mountscope.bench;

import picocli.CommandLine.Command;

/** Benchmarks that print a table with ratios against a reference; never pass/fail tests. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = {"Benchmarks: each prints a table with ratios against its reference.",
        "Quote ratios, not absolute figures: shared machines are noisy."},
    subcommands = {StartupBench.class, DashboardBench.class, StressBench.class, KernelBench.class})
public final class BenchCommand {}

package io.mountscope.plugin.api;

/** How a panel line is coloured: plain, dimmed, good news, a warning, critical. */
public enum Tone { NORMAL, DIM, GOOD, WARN, CRIT }

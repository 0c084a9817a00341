package io.mountscope.stress;

/**
 * What the parent sends the worker as the first line on its stdin: the parameters, the scratch
 * root the parent chose, the parent's pid (to notice a parent that died before PR_SET_PDEATHSIG
 * took effect), the progress interval, and for host runs the journal file and run whose changes
 * the worker marks undone when it has cleaned up itself.
 */
record WorkerRequest(StressParams params, String root, long parentPid, long progressMillis, String journalFile,
    String journalRun) {}

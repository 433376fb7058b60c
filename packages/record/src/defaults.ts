// What a recording does when not told otherwise. A module of its own (the package's
// `./defaults` export), so a command line can show these in its help without loading
// the recorder and its WebSocket client.

export const RECORD_DEFAULTS = { count: 4, intervalMs: 10_000, warmupMs: 2_000, timeoutMs: 120_000, graceMs: 5_000 } as const;

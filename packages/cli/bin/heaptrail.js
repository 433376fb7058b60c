#!/usr/bin/env node
// Committed (not built) so npm can link the `heaptrail` command at install time,
// before `prepare` has compiled dist/.
import '../dist/bin.js';

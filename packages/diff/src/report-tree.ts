// How much of the last snapshot's dominator tree a diff keeps for reports (the HTML
// treemap and the JSON `last.dominatorTree`); the renderer prunes further to what it draws.
// `heaptrail summary --html` cuts its tree the same way, so both treemaps agree.

export const REPORT_TREE = { depth: 6, top: 25 } as const;

// V8 internals that grow as a side effect of user growth (docs/DESIGN.md):
// a leak of 10,000 `Session` objects also adds hidden-class maps, arrays of
// properties and compiled code. Ranked after user classes and hidden unless
// --include-internals, so the first line of a report is the user's class.

const INTERNAL_CLASSES: ReadonlySet<string> = new Set([
  '(system)',
  '(compiled code)',
  '(object shape)',
  '(array)',
  '(synthetic)',
]);

export function isInternalClass(className: string): boolean {
  return INTERNAL_CLASSES.has(className) || className.startsWith('system / ');
}

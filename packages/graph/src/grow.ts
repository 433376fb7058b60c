// The parser's `grow`, under the name path-groups.ts imports it by; graph files import
// it from @heaptrail/parser directly (this file goes once path-groups.ts does too).

export { grow } from '@heaptrail/parser';

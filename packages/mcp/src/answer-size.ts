// Answers sized for a model's context: lists cut to a page with the total always
// stated, and long strings (string values, interface names, path texts) cut so one
// odd object cannot fill the answer. Ids stay whole: they are the handles for
// follow-up calls.

import { truncateEnd, truncateMiddle } from '@heaptrail/report';

/** Class names: interface names like `{a, b, …}` reach 120 characters, which stay readable whole. */
export const MAX_CLASS_NAME = 120;
/** Object names, often string contents or source text. */
export const MAX_NAME = 80;
/** A path's one-line text; both ends matter (the root side and the object), so the middle goes. */
export const MAX_PATH_TEXT = 300;

export function cutClassName(name: string): string {
  return truncateEnd(name, MAX_CLASS_NAME);
}

export function cutName(name: string): string {
  return truncateEnd(name, MAX_NAME);
}

export function cutPathText(text: string): string {
  return truncateMiddle(text, MAX_PATH_TEXT);
}

/** One page of a list: which slice is shown and where the next one starts (null at the end). */
export interface Page<T> {
  readonly total: number;
  readonly offset: number;
  readonly items: readonly T[];
  readonly nextOffset: number | null;
}

/** Items [offset, offset + limit) of `count` items, made by `item(i)` only for the shown ones. */
export function page<T>(count: number, offset: number, limit: number, item: (i: number) => T): Page<T> {
  const start = Math.min(offset, count);
  const end = Math.min(count, start + limit);
  const items: T[] = [];
  for (let i = start; i < end; i++) items.push(item(i));
  return { total: count, offset: start, items, nextOffset: end < count ? end : null };
}

/** The first `top` of `items` (0 = all) and a note on what was left out, for lists without paging. */
export function topOf<T>(items: readonly T[], top: number): { shown: readonly T[]; left: number } {
  const shown = top === 0 ? items : items.slice(0, top);
  return { shown, left: items.length - shown.length };
}

// What `heaptrail record` snapshots: a program it starts, or one already running
// that it attaches to by inspector address or by process id.

export type RecordTarget =
  | {
      readonly kind: 'launch';
      readonly command: string;
      readonly args: readonly string[];
      readonly cwd: string;
      readonly env: Readonly<Record<string, string | undefined>>;
    }
  | { readonly kind: 'inspect'; readonly address: string }
  | { readonly kind: 'pid'; readonly pid: number };

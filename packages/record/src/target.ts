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
  /** `address`: where the process opens its inspector (default 127.0.0.1:9229, or its --inspect-port). */
  | { readonly kind: 'pid'; readonly pid: number; readonly address?: string };

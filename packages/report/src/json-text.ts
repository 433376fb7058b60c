// Every command's `--json` output is pretty-printed the same way, ending in a newline.

export function jsonText(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n';
}

// Whether to colour terminal output, and the few ANSI styles the text report uses.
// The decision follows Node's own rules (tty.getColorDepth): FORCE_COLOR wins over
// everything, then NO_COLOR (https://no-color.org: set and non-empty disables),
// then TERM=dumb, then whether the stream is a terminal.

export interface ColorEnvironment {
  readonly isTTY: boolean | undefined;
  readonly env: Readonly<Record<string, string | undefined>>;
}

export function shouldUseColor({ isTTY, env }: ColorEnvironment): boolean {
  const force = env['FORCE_COLOR'];
  if (force !== undefined) {
    // FORCE_COLOR=0 / false disables; any other value (including empty) enables.
    return force !== '0' && force.toLowerCase() !== 'false';
  }
  const noColor = env['NO_COLOR'];
  if (noColor !== undefined && noColor !== '') return false;
  if (env['TERM'] === 'dumb') return false;
  return isTTY === true;
}

export interface Style {
  readonly bold: (s: string) => string;
  readonly dim: (s: string) => string;
  readonly red: (s: string) => string;
  readonly green: (s: string) => string;
  readonly yellow: (s: string) => string;
  readonly cyan: (s: string) => string;
}

const wrap = (open: number, close: number) => (s: string) => `\x1b[${open}m${s}\x1b[${close}m`;
const plain = (s: string) => s;

/** ANSI styles when `enabled`, identity functions otherwise. */
export function createStyle(enabled: boolean): Style {
  if (!enabled) return { bold: plain, dim: plain, red: plain, green: plain, yellow: plain, cyan: plain };
  return { bold: wrap(1, 22), dim: wrap(2, 22), red: wrap(31, 39), green: wrap(32, 39), yellow: wrap(33, 39), cyan: wrap(36, 39) };
}

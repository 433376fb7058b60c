// `--pid`: opens the inspector of a running Node process the way `node inspect -p`
// does (process._debugProcess, which sends SIGUSR1 on POSIX), then finds its
// target on the default port, 127.0.0.1:9229 (or the one the process was given
// with --inspect-port), once the process has opened it. SIGUSR1 ends a process
// that is not Node, as it does for `node inspect -p`.

import { discoverTarget } from '../cdp/discover.js';
import { RecordError } from '../errors.js';

export const DEFAULT_INSPECTOR_PORT = 9229;

export async function openInspectorOfPid(pid: number, timeoutMs: number, port = DEFAULT_INSPECTOR_PORT, host = '127.0.0.1'): Promise<string> {
  if (!(Number.isInteger(pid) && pid > 0)) throw new RecordError(`--pid ${pid}: not a process id`);
  if (pid === process.pid) throw new RecordError(`--pid ${pid}: that is heaptrail itself`);
  const debugProcess = (process as unknown as { _debugProcess?: (pid: number) => void })._debugProcess;
  try {
    if (debugProcess) debugProcess(pid);
    else process.kill(pid, 'SIGUSR1');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ESRCH' ? 'no such process' : code === 'EPERM' ? 'permission denied' : (e as Error).message;
    throw new RecordError(`cannot open the inspector of process ${pid}: ${why}`);
  }
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  // The process opens the port on its own schedule: poll it.
  while (Date.now() < deadline) {
    try {
      return await discoverTarget(host, port, Math.max(200, Math.min(2000, deadline - Date.now())));
    } catch (e) {
      last = e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const detail = last instanceof Error ? `: ${last.message}` : '';
  throw new RecordError(`process ${pid} did not open its inspector on ${host}:${port} within ${timeoutMs / 1000} s (is it a Node process?)${detail}`);
}

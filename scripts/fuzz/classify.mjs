// Turns one run (in-process or CLI) into an outcome class and a signature that groups
// cases failing the same way. Classes:
//   ok        the parse succeeded and the model is consistent with JSON.parse of the text
//   clean     SnapshotFormatError (exit 2) with one line naming the file and a byte offset
//   crash     any other error class, exit 3, a stack trace, a dead process
//   hang      no answer within the time bound
//   oom       heap limit reached, an allocation failure, or memory far beyond the input size
//   wrong     "succeeded" with an inconsistent model or one that disagrees with JSON.parse
//   bad-error SnapshotFormatError / exit 2 but the message breaks the one-line contract
//   lenient   accepted text that JSON.parse refuses (reported, not fatal: e.g. a BOM)
//   slow      over the bound once, finished when re-run alone (reported, not fatal)

export const FATAL_CLASSES = ['crash', 'hang', 'oom', 'wrong', 'bad-error'];
export const ALL_CLASSES = ['ok', 'clean', ...FATAL_CLASSES, 'lenient', 'slow'];

/** Memory a case may take beyond its input: arrays are preallocated from honest counts only. */
export function memoryBudget(textLength) {
  return (64 << 20) + 16 * textLength;
}

function normalise(text, file) {
  let t = String(text ?? '');
  if (file) t = t.split(file).join('<file>');
  return t.replace(/\d+/g, 'N').replace(/\s+/g, ' ').slice(0, 140);
}

/** ctx: { file, textLength, maxOffset, directory } */
export function classifyInProcess(res, ctx) {
  const err = res.error ?? {};
  switch (res.status) {
    case 'unavailable':
    case 'harness-error':
      return { cls: res.status, signature: `${res.status}: ${err.message}`, detail: err.message };
    case 'hang':
      return { cls: 'hang', signature: 'hang: in-process parse', detail: err.message };
    case 'oom':
      return { cls: 'oom', signature: 'oom: worker heap limit', detail: err.message };
    case 'died':
      return { cls: 'crash', signature: `crash: worker died: ${normalise(err.message)}`, detail: err.message };
    case 'analysis-error':
      // The parser accepted the input; analysing it threw.
      return { cls: 'crash', signature: `crash: analysis: ${err.name}: ${normalise(err.message, ctx.file)}`, detail: `${err.name}: ${err.message}\n${err.stack ?? ''}` };
  }
  if (res.peakArrayBuffers > memoryBudget(ctx.textLength)) {
    const mb = (res.peakArrayBuffers / 2 ** 20).toFixed(0);
    return { cls: 'oom', signature: `oom: typed arrays beyond budget (${res.status})`, detail: `${mb} MB of ArrayBuffers for a ${ctx.textLength}-byte input (${res.status}${res.status === 'error' ? ': ' + err.message : ''})` };
  }
  if (res.status === 'error') {
    if (err.isFormatError) {
      const problems = [];
      if (!Number.isInteger(err.offset) || err.offset < 0 || err.offset > ctx.maxOffset) problems.push(`offset ${err.offset} outside [0, ${ctx.maxOffset}]`);
      if (typeof err.reason !== 'string' || err.reason.length === 0) problems.push('empty reason');
      if (/[\r\n]/.test(err.message)) problems.push('message spans lines');
      if (!err.message.includes(ctx.file)) problems.push('message does not name the file');
      if (problems.length) return { cls: 'bad-error', signature: `bad-error: ${problems.map((p) => normalise(p)).join('; ')}`, detail: `${problems.join('; ')}: ${err.message}` };
      return { cls: 'clean', signature: `clean: ${normalise(err.reason)}`, detail: err.message, reason: err.reason };
    }
    if (ctx.directory && err.code) return { cls: 'clean', signature: `clean: ${err.code}`, detail: err.message, reason: err.code };
    if (err.name === 'RangeError' && /allocation failed|invalid typed array length|invalid array buffer length|array buffer/i.test(err.message)) {
      return { cls: 'oom', signature: `oom: ${normalise(err.message)}`, detail: err.message };
    }
    return { cls: 'crash', signature: `crash: ${err.name}: ${normalise(err.message, ctx.file)}`, detail: `${err.name}: ${err.message}\n${err.stack ?? ''}` };
  }
  const wrong = [...(res.violations ?? []), ...(res.oracleMismatch ?? [])];
  if (wrong.length) return { cls: 'wrong', signature: `wrong: ${normalise(wrong[0])}`, detail: wrong.join('\n') };
  if (res.oracle) return { cls: 'lenient', signature: `lenient: ${normalise(res.oracle)}`, detail: res.oracle };
  return { cls: 'ok', signature: 'ok', detail: '' };
}

const ONE_LINE_ERROR = /^heaptrail: (.+): (.+) at byte (\d+)$/;

/** ctx: { file, directory, command } */
export function classifyCli(run, ctx) {
  const lines = run.stderr.replace(/\n+$/, '').split('\n').filter((l) => l.length > 0);
  const first = lines[0] ?? '';
  const tag = `cli ${ctx.command}`;
  if (run.timedOut) return { cls: 'hang', signature: `hang: ${tag}`, detail: `killed after ${run.ms.toFixed(0)} ms` };
  if (/heap out of memory|Allocation failed|out of memory/i.test(run.stderr) || run.signal === 'SIGABRT' || run.code === 134) {
    return { cls: 'oom', signature: `oom: ${tag}: ${normalise(first, ctx.file)}`, detail: run.stderr.slice(0, 2000) };
  }
  if (run.signal) return { cls: 'crash', signature: `crash: ${tag}: signal ${run.signal}`, detail: run.stderr.slice(0, 2000) };
  if (run.code === 0) return { cls: 'ok', signature: 'ok', detail: '' };
  const stack = /\n\s+at /.test(run.stderr);
  if (run.code === 2) {
    const m = ONE_LINE_ERROR.exec(first);
    if (lines.length === 1 && !stack && m && first.includes(ctx.file)) return { cls: 'clean', signature: `clean: ${normalise(m[2])}`, detail: first, reason: m[2] };
    if (lines.length === 1 && !stack && ctx.directory && first.includes(ctx.file) && /is a directory|EISDIR/.test(first)) return { cls: 'clean', signature: 'clean: directory', detail: first, reason: 'is a directory' };
    return { cls: 'bad-error', signature: `bad-error: ${tag}: ${normalise(first, ctx.file)}`, detail: run.stderr.slice(0, 2000) };
  }
  return { cls: 'crash', signature: `crash: ${tag}: exit ${run.code}: ${normalise(first, ctx.file)}`, detail: run.stderr.slice(0, 2000) };
}

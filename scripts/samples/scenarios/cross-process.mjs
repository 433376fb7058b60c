// A job runner that appends an AuditEvent for every job run and never trims the log. The generator runs it as
// four separate processes with growing --iterations and takes one snapshot in each, so the series shows growth
// but object ids are unrelated between snapshots (each process numbers its objects from scratch).
// Flat: JobDefinition objects are loaded at startup in every process.
// Churn: JobAttempt objects live in a small ring.
import { parseArgs, runSeries, RecentRing } from '../lib/series.mjs';

const JOBS = ['reindex', 'send-digest', 'rotate-keys', 'sync-crm', 'compact-db'];

class AuditEvent {
  constructor(jobName, run, outcome) {
    this.jobName = jobName;
    this.run = run;
    this.outcome = outcome;
    this.details = { attempt: 1, durationMs: (run * 37) % 1000 };
  }
}

class JobDefinition {
  constructor(name, everyMinutes) {
    this.name = name;
    this.everyMinutes = everyMinutes;
  }
}

class JobAttempt {
  constructor(job, run) {
    this.job = job;
    this.run = run;
    this.log = [`started ${job.name} #${run}`];
  }
}

const auditLog = { events: [] };
const runner = { jobs: [], recentAttempts: new RecentRing(10), runs: 0 };

function runJob() {
  const run = ++runner.runs;
  const job = runner.jobs[run % runner.jobs.length];
  runner.recentAttempts.push(new JobAttempt(job, run));
  auditLog.events.push(new AuditEvent(job.name, run, run % 11 === 0 ? 'failed' : 'ok'));
}

const args = parseArgs();
runSeries(args, {
  setup() {
    for (let i = 0; i < JOBS.length * 4; i++) runner.jobs.push(new JobDefinition(`${JOBS[i % JOBS.length]}-${i}`, 5 + i));
    for (let i = 0; i < args.iterations; i++) runJob();
  },
  work() {
    throw new Error('cross-process takes one snapshot per process (--snapshots 1)');
  },
  count: () => ({
    AuditEvent: auditLog.events.length,
    JobDefinition: runner.jobs.length,
    JobAttempt: runner.recentAttempts.size,
  }),
});

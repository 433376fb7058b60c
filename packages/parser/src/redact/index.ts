export { redactSnapshot, type RedactOptions, type RedactResult } from './redact-snapshot.js';

export { formatBytes, formatCount, formatSignedBytes, formatTable, type Align } from './format.js';

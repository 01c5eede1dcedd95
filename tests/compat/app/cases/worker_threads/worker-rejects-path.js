// a Worker with a missing file fails; the error is reported, not a crash
// @differs: no threads on Nephos: new Worker throws ERR_NOT_SUPPORTED_ON_NEPHOS instead of emitting 'error' and 'exit' for a missing file
const { Worker } = require('worker_threads');
try {
  const w = new Worker('/definitely/missing/worker.js');
  w.on('error', (e) => console.log('error event'));
  w.on('exit', (c) => console.log('exit', c));
} catch (e) { console.log('threw'); }

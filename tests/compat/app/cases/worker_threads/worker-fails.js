// new Worker runs a script in a thread and passes messages
// @differs: there are no threads on Nephos: new Worker throws ERR_NOT_SUPPORTED_ON_NEPHOS (docs/compat.md, node:worker_threads)
const { Worker } = require('worker_threads');
const w = new Worker('require("worker_threads").parentPort.postMessage(42)', { eval: true });
w.on('message', (m) => { console.log('message', m); w.terminate(); });

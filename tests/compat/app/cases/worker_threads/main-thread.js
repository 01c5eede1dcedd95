// isMainThread, threadId, parentPort, workerData in the main thread
const wt = require('worker_threads');
console.log(wt.isMainThread, wt.threadId, wt.parentPort, wt.workerData, typeof wt.resourceLimits);

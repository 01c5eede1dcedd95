// BroadcastChannel exists as a global and in worker_threads
// @differs: no MessageChannel/MessagePort/BroadcastChannel on Nephos yet: the globals are absent (worker_threads.BroadcastChannel throws ERR_NOT_SUPPORTED_ON_NEPHOS)
const wt = require('worker_threads');
console.log(typeof wt.BroadcastChannel, typeof globalThis.BroadcastChannel, typeof globalThis.MessageChannel, typeof globalThis.MessagePort);

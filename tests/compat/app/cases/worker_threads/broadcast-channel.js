// BroadcastChannel exists as a global and in worker_threads
const wt = require('worker_threads');
console.log(typeof wt.BroadcastChannel, typeof globalThis.BroadcastChannel, typeof globalThis.MessageChannel, typeof globalThis.MessagePort);

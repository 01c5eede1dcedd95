// the globals Node 20 has that Nephos lacks: message channels and WebAssembly
// @differs: no MessageChannel/MessagePort/MessageEvent/BroadcastChannel yet (no threads to talk to; docs/compat.md, node:worker_threads), and no WebAssembly in the engine (QuickJS 2021-03-27)
for (const n of ['BroadcastChannel', 'MessageChannel', 'MessageEvent', 'MessagePort', 'WebAssembly']) console.log(n, typeof globalThis[n]);

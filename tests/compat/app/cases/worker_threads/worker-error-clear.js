// constructing a Worker either works or throws a clear error; the process keeps running
// @differs: no threads on Nephos: new Worker throws ERR_NOT_SUPPORTED_ON_NEPHOS (the process keeps running, as the case checks)
const { Worker } = require('worker_threads');
let w;
try { w = new Worker('setTimeout(()=>{}, 1)', { eval: true }); console.log('created'); } catch (e) { console.log('threw'); }
if (w) w.terminate().then(() => console.log('terminated'));
console.log('still running');

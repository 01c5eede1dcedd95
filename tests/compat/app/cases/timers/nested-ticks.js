// nextTick queue drains fully (including ticks added while draining) before promise jobs
const log = [];
process.nextTick(() => { log.push('t1'); process.nextTick(() => log.push('t1.1')); Promise.resolve().then(() => log.push('p-from-t1')); });
Promise.resolve().then(() => { log.push('p1'); process.nextTick(() => log.push('t-from-p1')); }).then(() => log.push('p2'));
process.nextTick(() => log.push('t2'));
setTimeout(() => console.log(log.join(' ')), 0);

// markAsUntransferable / isMarkedAsUntransferable, moveMessagePortToContext exist
const wt = require('worker_threads');
const ab = new ArrayBuffer(1);
wt.markAsUntransferable(ab);
console.log(typeof wt.isMarkedAsUntransferable === 'function' ? wt.isMarkedAsUntransferable(ab) : 'n/a', typeof wt.moveMessagePortToContext, typeof wt.receiveMessageOnPort);

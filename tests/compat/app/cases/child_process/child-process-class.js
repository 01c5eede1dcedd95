// ChildProcess class is exported and is an EventEmitter
const cp = require('child_process');
const EventEmitter = require('events');
console.log(typeof cp.ChildProcess, cp.ChildProcess.prototype instanceof EventEmitter);

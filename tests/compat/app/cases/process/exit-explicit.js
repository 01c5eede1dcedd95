// process.exit(n) stops immediately: later timers never run, 'exit' runs synchronously
setTimeout(() => console.log('never'), 0);
process.on('exit', (c) => { console.log('exit handler', c); setTimeout(() => console.log('never either'), 0); });
console.log('before exit');
process.exit(5);
console.log('not reached');

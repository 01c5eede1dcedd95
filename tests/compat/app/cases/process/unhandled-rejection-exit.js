// an unhandled rejection is fatal (exit code 1) in Node 20
process.on('exit', (c) => console.log('exit', c));
Promise.reject(new Error('nobody handles this'));
setTimeout(() => console.log('never'), 50);

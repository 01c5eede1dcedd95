// an uncaught exception exits with code 1 after the 'exit' event with code 1
process.on('exit', (c) => console.log('exit', c));
console.log('start');
setTimeout(() => { throw new Error('uncaught'); }, 1);

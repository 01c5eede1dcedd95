// process.exitCode sets the exit status; 'exit' listeners see it and run after beforeExit
process.on('beforeExit', (c) => console.log('beforeExit', c));
process.on('exit', (c) => console.log('exit', c, process.exitCode));
console.log('main');
process.exitCode = 3;

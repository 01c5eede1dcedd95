// process.exit() inside an 'exit' handler changes the code; the first call's listeners finish
process.on('exit', (c) => { console.log('first', c); process.exitCode = 9; });
process.on('exit', (c) => console.log('second', c, process.exitCode));
process.exit(2);

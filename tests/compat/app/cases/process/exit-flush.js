// output written just before process.exit() is not lost
for (let i = 0; i < 200; i++) process.stdout.write(`line ${i} ${'x'.repeat(50)}\n`);
console.log('last line');
process.exit(0);

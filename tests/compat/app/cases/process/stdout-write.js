// process.stdout.write with strings, buffers, callbacks; writes interleave with console.log in order
process.stdout.write('a');
process.stdout.write(Buffer.from('b\n'));
console.log('c');
process.stdout.write('d\n', () => console.log('write callback'));
process.stdout.write('€ utf8\n', 'utf8');
process.stdout.write('68690a', 'hex');
console.log(typeof process.stdout.isTTY, process.stdout.writable, typeof process.stdout.fd);

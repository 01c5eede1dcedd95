// console.table, group/indentation, dir, assert, count, printf-style formatting to stdout
console.table([{ a: 1, b: 'x' }, { a: 2, c: true }]);
console.table({ r1: { c: 1 }, r2: { c: 2 } });
console.table([[1, 2], [3, 4]], ['0']);
console.group('Group');
console.log('inside');
console.group();
console.info('nested %d', 5);
console.groupEnd();
console.groupEnd();
console.log('outside');
console.dir({ a: { b: { c: { d: 1 } } } }, { depth: 0 });
console.count(); console.count(); console.count('x'); console.countReset(); console.count();
console.assert(true, 'not shown');
console.log('%s is %d years', 'Bob', 42, 'extra');
console.debug('debug goes to stdout');

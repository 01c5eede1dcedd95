// ES built-ins apps rely on: Object.hasOwn, Array/String at, findLast, Error cause, change-array-by-copy, WeakRef
console.log(typeof Object.hasOwn, Object.hasOwn({ a: 1 }, 'a'), [1, 2, 3].at(-1), 'abc'.at(-2), [1, 2, 3, 4].findLast((n) => n % 2), [1, 2, 3].findLastIndex((n) => n === 9));
const e = new Error('outer', { cause: new Error('inner') });
console.log(e.cause.message, 'cause' in new Error('x'), new Error('y', { cause: undefined }).hasOwnProperty('cause'));
console.log(typeof Array.prototype.toSorted, typeof Array.prototype.with, typeof String.prototype.isWellFormed, typeof Array.prototype.toReversed);
console.log(typeof WeakRef, typeof FinalizationRegistry, typeof AggregateError, typeof Promise.allSettled, typeof Promise.any, typeof String.prototype.replaceAll);
console.log(JSON.stringify([3, 1, 2].toSorted ? [3, 1, 2].toSorted() : 'none'), typeof Atomics, typeof SharedArrayBuffer, typeof Array.prototype.flat);

// deepStrictEqual vs deepEqual on objects, arrays, maps, sets, dates, prototypes
const assert = require('assert');
const t = (name, f) => { try { f(); console.log(name, 'ok'); } catch (e) { console.log(name, e.code); } };
t('objects', () => assert.deepStrictEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] }));
t('loose types', () => assert.deepEqual({ a: 1 }, { a: '1' }));
t('strict types', () => assert.deepStrictEqual({ a: 1 }, { a: '1' }));
t('maps', () => assert.deepStrictEqual(new Map([[1, { x: 1 }]]), new Map([[1, { x: 1 }]])));
t('sets', () => assert.deepStrictEqual(new Set([{ a: 1 }, 2]), new Set([2, { a: 1 }])));
t('dates', () => assert.deepStrictEqual(new Date(0), new Date(1)));
t('protos', () => assert.deepStrictEqual(Object.create(null), {}));
t('protos loose', () => assert.deepEqual(Object.create(null), {}));
t('NaN', () => assert.deepStrictEqual([NaN], [NaN]));
t('-0', () => assert.deepStrictEqual(-0, 0));
t('-0 loose', () => assert.deepEqual(-0, 0));
t('sparse', () => assert.deepStrictEqual([1, , 3], [1, undefined, 3]));
t('buffers', () => assert.deepStrictEqual(Buffer.from('a'), Buffer.from('a')));
t('errors', () => assert.deepStrictEqual(new Error('a'), new Error('b')));
t('symbols', () => assert.deepStrictEqual({ [Symbol.for('s')]: 1 }, { [Symbol.for('s')]: 2 }));
t('notDeep', () => assert.notDeepStrictEqual({ a: 1 }, { a: 1 }));

// deep equality handles cycles and distinguishes typed arrays, boxed primitives, getters
const assert = require('assert');
const a = { x: 1 }; a.self = a;
const b = { x: 1 }; b.self = b;
const t = (name, f) => { try { f(); console.log(name, 'ok'); } catch (e) { console.log(name, e.code); } };
t('cycles', () => assert.deepStrictEqual(a, b));
t('typed', () => assert.deepStrictEqual(new Uint8Array([1]), new Int8Array([1])));
t('boxed', () => assert.deepStrictEqual(new Number(1), new Number(2)));
t('boxed same', () => assert.deepStrictEqual(new String('a'), new String('a')));
t('regexp flags', () => assert.deepStrictEqual(/a/g, /a/i));
t('arrays extra prop', () => assert.deepStrictEqual(Object.assign([1], { p: 1 }), [1]));
t('weakmap', () => assert.deepStrictEqual(new WeakMap(), new WeakMap()));
t('url', () => assert.deepStrictEqual(new URL('http://a/'), new URL('http://a/')));
t('url diff', () => assert.deepStrictEqual(new URL('http://a/'), new URL('http://b/')));

// assert.throws with classes, regexps, validation objects and functions; doesNotThrow
const assert = require('assert');
const t = (name, f) => { try { f(); console.log(name, 'ok'); } catch (e) { console.log(name, e.code, JSON.stringify(e.message.split('\n')[0])); } };
const boom = () => { throw new TypeError('Wrong value'); };
t('class', () => assert.throws(boom, TypeError));
t('regexp', () => assert.throws(boom, /Wrong/));
t('object', () => assert.throws(boom, { name: 'TypeError', message: 'Wrong value' }));
t('object mismatch', () => assert.throws(boom, { message: 'other' }));
t('function', () => assert.throws(boom, (e) => e instanceof TypeError));
t('no throw', () => assert.throws(() => {}));
t('no throw msg', () => assert.throws(() => {}, 'must throw'));
t('wrong class', () => assert.throws(boom, RangeError));
t('doesNotThrow', () => assert.doesNotThrow(() => {}));
t('doesNotThrow fails', () => assert.doesNotThrow(boom));
t('string as error', () => assert.throws(boom, 'Wrong value'));

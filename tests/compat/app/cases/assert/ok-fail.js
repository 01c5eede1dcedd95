// assert(), assert.ok, assert.fail and ifError messages
const assert = require('assert');
const t = (f) => { try { f(); console.log('ok'); } catch (e) { console.log(e.code, JSON.stringify(e.message), e.generatedMessage); } };
t(() => assert(0));
t(() => assert.ok(false, 'nope'));
t(() => assert.ok(''));
t(() => assert.fail());
t(() => assert.fail('boom'));
t(() => assert.ifError(null));
t(() => assert.ifError(new Error('inner')));
t(() => assert.ifError('str'));
t(() => assert(true));
t(() => assert.ok());
t(() => assert.fail(new TypeError('own error')));

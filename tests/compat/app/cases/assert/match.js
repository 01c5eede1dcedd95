// assert.match and doesNotMatch, with their argument errors
const assert = require('assert');
const t = (f) => { try { f(); console.log('ok'); } catch (e) { console.log(e.code, JSON.stringify(e.message)); } };
t(() => assert.match('abc', /b/));
t(() => assert.match('abc', /z/));
t(() => assert.doesNotMatch('abc', /b/));
t(() => assert.match(5, /5/));
t(() => assert.match('x', 'x'));

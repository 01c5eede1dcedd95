// notDeepStrictEqual, notStrictEqual and multi-line string diffs
const assert = require('assert');
try { assert.notStrictEqual('same', 'same'); } catch (e) { console.log(JSON.stringify(e.message)); }
try { assert.strictEqual('line1\nline2\nline3', 'line1\nlineX\nline3'); } catch (e) { console.log(e.message); }
try { assert.notDeepStrictEqual([1], [1]); } catch (e) { console.log(JSON.stringify(e.message)); }
try { assert.strictEqual({ a: 1 }, { a: 1 }); } catch (e) { console.log(e.message); }

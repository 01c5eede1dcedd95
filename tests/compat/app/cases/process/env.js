// process.env coerces values to strings, delete works, keys enumerate, unknown keys are undefined
process.env.COMPAT_NUM = 42;
process.env.COMPAT_BOOL = true;
process.env.COMPAT_UNDEF = undefined;
console.log(typeof process.env.COMPAT_NUM, process.env.COMPAT_NUM, process.env.COMPAT_BOOL, process.env.COMPAT_UNDEF);
console.log('COMPAT_NUM' in process.env, Object.keys(process.env).includes('COMPAT_NUM'));
delete process.env.COMPAT_NUM;
console.log(process.env.COMPAT_NUM, 'COMPAT_NUM' in process.env, process.env.TZ, process.env.NOPE_NOT_SET);
try { process.env.SYM = Symbol('x'); } catch (e) { console.log(e.name, e.message); }

// AbortController / AbortSignal: reason, abort event once, AbortSignal.abort, throwIfAborted
const ac = new AbortController();
ac.signal.addEventListener('abort', () => console.log('abort event', ac.signal.aborted));
ac.signal.onabort = () => console.log('onabort');
ac.abort();
ac.abort();
console.log(ac.signal.reason.name, ac.signal.reason.message, ac.signal.reason.code);
const s = AbortSignal.abort('why');
console.log(s.aborted, s.reason);
try { s.throwIfAborted(); } catch (e) { console.log('thrown', e); }
const ac2 = new AbortController();
ac2.abort(new Error('custom'));
console.log(ac2.signal.reason.message);
const any = AbortSignal.any ? AbortSignal.any([new AbortController().signal, ac2.signal]) : null;
console.log(any && any.aborted, any && any.reason.message);

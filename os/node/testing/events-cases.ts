// EventEmitter scenarios that log what happens; run against ours and host Node's events module
// (or on the engine) and compare the logs.

type Log = (...parts: unknown[]) => void;
type EventsModule = any;

function outcome(log: Log, label: string, fn: () => unknown): void {
  try { log(label, 'ok', fn()); } catch (e: any) { log(label, 'throw', e?.name, e?.code, e?.message); }
}

export const eventsScenarios: Record<string, (events: EventsModule, log: Log) => void | Promise<void>> = {
  basics(events, log) {
    const EE = events.EventEmitter;
    const e = new EE();
    const a = (x: unknown) => log('a', x);
    const b = (x: unknown) => log('b', x);
    e.on('newListener', (t: unknown) => log('newListener', String(t)));
    e.on('removeListener', (t: unknown) => log('removeListener', String(t)));
    e.on('x', a);
    e.prependListener('x', b);
    e.once('x', (x: unknown) => log('once', x));
    e.prependOnceListener('x', (x: unknown) => log('ponce', x));
    log('count', e.listenerCount('x'), e.listenerCount('x', a), e.listeners('x').length, e.rawListeners('x').length, e.eventNames().map(String));
    log('emit', e.emit('x', 1));
    log('emit', e.emit('x', 2));
    log('emit none', e.emit('nothing'));
    e.off('x', a);
    log('after off', e.listenerCount('x'));
    e.removeAllListeners('x');
    log('after removeAll x', e.listenerCount('x'), e.eventNames().map(String));
    e.removeAllListeners();
    log('after removeAll', e.eventNames().map(String));
    const sym = Symbol('s');
    e.on(sym, () => log('sym'));
    e.emit(sym);
    log('names', e.eventNames().map(String));
    log('max', e.getMaxListeners(), EE.defaultMaxListeners);
  },
  errors(events, log) {
    const EE = events.EventEmitter;
    const e = new EE();
    for (const payload of ['str', { a: 1 }, undefined, 42]) {
      outcome(log, `emit error ${String(payload)}`, () => e.emit('error', payload));
    }
    outcome(log, 'emit Error', () => e.emit('error', new TypeError('boom')));
    outcome(log, 'listener 5', () => e.on('x', 5));
    outcome(log, 'once 5', () => e.once('x', 5));
    outcome(log, 'remove 5', () => e.removeListener('x', 5));
    outcome(log, 'setMax -1', () => e.setMaxListeners(-1));
    outcome(log, 'setMax x', () => e.setMaxListeners('x'));
    outcome(log, 'default x', () => { EE.defaultMaxListeners = 'x'; });
    outcome(log, 'default -1', () => { EE.defaultMaxListeners = -1; });
    outcome(log, 'capture 1', () => new EE({ captureRejections: 1 }));
    outcome(log, 'getEventListeners {}', () => events.getEventListeners({}, 'x'));
    outcome(log, 'setMaxListeners {}', () => events.setMaxListeners(1, {}));
    outcome(log, 'setMaxListeners -1', () => events.setMaxListeners(-1));
    outcome(log, 'addAbortListener', () => events.addAbortListener({}, () => {}));
    e.on(events.errorMonitor, (err: Error) => log('monitor', err.message));
    e.on('error', (err: Error) => log('handled', err.message));
    e.emit('error', new Error('seen'));
    log('symbols', String(events.errorMonitor), String(events.captureRejectionSymbol), typeof events.EventEmitterAsyncResource, events.usingDomains);
  },
  inheritance(events, log) {
    const EE = events.EventEmitter;
    class Sub extends EE { constructor() { super(); } hello() { this.emit('hi', 'there'); } }
    const s = new Sub();
    s.on('hi', (x: unknown) => log('sub', x));
    s.hello();
    function Legacy(this: any) { EE.call(this); }
    Object.setPrototypeOf(Legacy.prototype, EE.prototype);
    const l = new (Legacy as any)();
    l.on('x', () => log('legacy'));
    l.emit('x');
    log('instanceof', s instanceof EE, l instanceof EE, events === EE || events.default === EE || typeof events === 'function');
    log('static count', EE.listenerCount(l, 'x'));
  },
  async promises(events, log) {
    const EE = events.EventEmitter;
    const e = new EE();
    setTimeoutLike(() => e.emit('ready', 1, 2));
    log('once', await events.once(e, 'ready'));
    const p = events.once(e, 'never');
    setTimeoutLike(() => e.emit('error', new Error('failed')));
    try { await p; } catch (err: any) { log('once rejected', err.message); }
    const ac = new AbortController();
    const p2 = events.once(e, 'never', { signal: ac.signal });
    ac.abort();
    try { await p2; } catch (err: any) { log('once aborted', err.name, err.code, err.message, err.cause?.name); }
    try { await events.once(e, 'x', { signal: AbortSignal.abort('why') }); } catch (err: any) { log('pre-aborted', err.name, err.cause); }
    const et = new EventTarget();
    setTimeoutLike(() => et.dispatchEvent(new Event('ping')));
    const [ev] = await events.once(et, 'ping');
    log('eventtarget once', ev.type);
    const it = events.on(e, 'data');
    setTimeoutLike(() => { e.emit('data', 'a'); e.emit('data', 'b', 'c'); e.emit('data', 'd'); });
    const got: unknown[] = [];
    for await (const args of it) {
      got.push(args);
      if (got.length === 3) break;
    }
    log('on', JSON.stringify(got), e.listenerCount('data'), e.listenerCount('error'));
    const it2 = events.on(e, 'data');
    setTimeoutLike(() => e.emit('error', new Error('iter failed')));
    try { for await (const _ of it2) { /* none */ } } catch (err: any) { log('on error', err.message, e.listenerCount('data')); }
    const cap = new EE({ captureRejections: true });
    cap.on('evt', async () => { throw new Error('rejected in listener'); });
    const errP = events.once(cap, 'error');
    cap.emit('evt');
    log('captured', (await errP)[0].message);
    log('listeners', events.getEventListeners(e, 'none').length, events.getEventListeners(et, 'ping').length);
    const handler = () => {};
    et.addEventListener('foo', handler);
    log('et listeners', events.getEventListeners(et, 'foo').length === 1);
    events.setMaxListeners(3, e);
    log('setMax', e.getMaxListeners());
    const ac2 = new AbortController();
    const disposable = events.addAbortListener(ac2.signal, () => log('abort listener'));
    ac2.abort();
    log('disposable', typeof disposable);
  },
  warnings(events, log) {
    const e = new events.EventEmitter();
    e.setMaxListeners(1);
    e.on('x', () => {});
    e.on('x', () => {});
    e.on('x', () => {});
    log('warned flag', (e._events.x as any).warned === true, e.listenerCount('x'));
  },
};

let scheduler: (fn: () => void) => void = (fn) => { Promise.resolve().then(fn); };
function setTimeoutLike(fn: () => void): void { scheduler(fn); }
export function setEventsScheduler(s: (fn: () => void) => void): void { scheduler = s; }

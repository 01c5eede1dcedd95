// Console call sequences; each runs against a Console class over two recording sinks and returns
// what was written to stdout and stderr. Shared by console.test.ts (ours vs host Node's Console)
// and the engine-compat script.

export interface Recorded { out: string; err: string }
type ConsoleCtor = any;

function sinks(): { stdout: any; stderr: any; rec: Recorded } {
  const rec: Recorded = { out: '', err: '' };
  const mk = (key: 'out' | 'err') => ({
    write(chunk: string) { rec[key] += chunk; return true; },
    // Node's Console attaches a no-op 'error' listener around writes when ignoreErrors is on.
    listenerCount() { return 0; }, once() { return this; }, removeListener() { return this; }, on() { return this; },
  });
  return { stdout: mk('out'), stderr: mk('err'), rec };
}

export const consoleScenarios: Record<string, (C: ConsoleCtor) => Recorded> = {
  logging(C) {
    const { stdout, stderr, rec } = sinks();
    const c = new C(stdout, stderr);
    c.log('hello %s, %d', 'world', 42, { extra: true });
    c.info('info', [1, 2]);
    c.debug('debug');
    c.warn('warn', new Map([[1, 2]]));
    c.error('error %o', { a: { b: { c: {} } } });
    c.dirxml('x', 1);
    c.log();
    c.log('multi\nline');
    const { log } = c;
    log('detached');
    return rec;
  },
  groups(C) {
    const { stdout, stderr, rec } = sinks();
    const c = new C({ stdout, stderr });
    c.group('Group A');
    c.log('inside');
    c.group();
    c.warn('deeper\nsecond line');
    c.groupEnd();
    c.groupCollapsed('collapsed');
    c.log({ a: 1, b: [1, 2, 3] });
    c.groupEnd();
    c.groupEnd();
    c.groupEnd();
    c.log('outside');
    const c4 = new C({ stdout, stderr, groupIndentation: 4 });
    c4.group('four');
    c4.log('indented by four');
    return rec;
  },
  counting(C) {
    const { stdout, stderr, rec } = sinks();
    const c = new C(stdout, stderr);
    c.count();
    c.count();
    c.count('x');
    c.count('default');
    c.countReset();
    c.count();
    c.assert(true, 'not printed');
    c.assert(false, 'printed %s', 'yes');
    c.assert(false);
    c.assert(0, { obj: 1 });
    return rec;
  },
  dir(C) {
    const { stdout, stderr, rec } = sinks();
    const c = new C(stdout, stderr);
    c.dir({ a: { b: { c: { d: 1 } } } });
    c.dir({ a: { b: { c: { d: 1 } } } }, { depth: 0 });
    c.dir({ [Symbol.for('nodejs.util.inspect.custom')]: () => 'custom' });
    c.dir('str');
    return rec;
  },
  tables(C) {
    const { stdout, stderr, rec } = sinks();
    const c = new C(stdout, stderr);
    c.table([{ a: 1, b: 'Y' }, { a: 'Z', b: 2 }]);
    c.table([[1, 2], [3, 4, 5]]);
    c.table({ x: { a: 1 }, y: { b: 2 }, z: 3 });
    c.table([{ a: 1, b: 2 }], ['a']);
    c.table(new Map<string, unknown>([['k', { v: 1 }], ['k2', 2]]));
    c.table(new Set(['a', 'b']));
    c.table([1, 'two', { three: 3 }]);
    c.table(['ünïcödé', '中文', '😀']);
    c.table([{ nested: { deep: { deeper: 1 } }, arr: [1, 2, 3, 4, 5] }]);
    c.table(5);
    c.table(null);
    c.table([]);
    return rec;
  },
  options(C) {
    const { stdout, stderr, rec } = sinks();
    const colored = new C({ stdout, stderr, colorMode: true });
    colored.log({ a: 1, s: 'x' }, 'plain');
    const opts = new C({ stdout, stderr, inspectOptions: { depth: 0, breakLength: 20 } });
    opts.log({ a: { b: 1 } }, [1, 2, 3, 4, 5, 6, 7, 8]);
    const out: string[] = [];
    for (const bad of [() => new C({} as any), () => new C({ stdout: 1 }), () => new C({ stdout, stderr: {} }), () => new C({ stdout, colorMode: 'x' }),
      () => new C({ stdout, colorMode: true, inspectOptions: { colors: true } }), () => new C({ stdout, groupIndentation: -1 }), () => new C({ stdout }).table([], 'x')]) {
      try { bad(); out.push('ok'); } catch (e: any) { out.push(`${e.name} ${e.code} ${e.message}`); }
    }
    const called = C(stdout, stderr);
    called.log('called without new');
    return { out: rec.out, err: rec.err + out.join('\n') };
  },
};

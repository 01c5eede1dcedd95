import { removeTree, runScriptOnEngine, tempTree } from './testing';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync, utimesSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArchive } from '../../os/fs/archive';
import { NephosError } from '../errors';
import { decodeImage, readImage } from '../image';
import { hostTools } from '../toolchain/engine';
import { type BuildDeps, buildImage, buildImageBytes, cachedAppImage } from './index';

const HELLO = {
  'package.json': '{"name":"hello","main":"index.js","nephos":{"note":"kept"}}',
  'index.js': 'const data = require("./data.json");\nconsole.log(data.greeting, __dirname);\n',
  'data.json': '{"greeting":"hi"}',
  'node_modules/dep/index.js': 'module.exports = 1;',
  '.git/config': '[core]',
};

/** Real bytecode compiler, dummy kernel and OS; counts compilations. */
function deps(dir: string, logged: string[] = []): BuildDeps & { compiles: number } {
  const kernel = join(dir, 'dummy-kernel.elf');
  if (!existsSync(kernel)) writeFileSync(kernel, Buffer.from('\x7fELF dummy kernel for tests'));
  const d = {
    compiles: 0,
    kernelElf: async () => kernel,
    osBytecode: async () => new Uint8Array([1, 2, 3, 4]),
    jsc: async () => {
      d.compiles++;
      return (await hostTools()).jsc;
    },
    engineVersion: '2021-03-27',
    log: (line: string) => logged.push(line),
  };
  return d;
}

test('the image holds the kernel, the OS, the app bytecode, map, manifest and the app files', async () => {
  const app = tempTree(HELLO);
  const work = tempTree({});
  try {
    const path = await buildImage(app, join(work, 'out.img'), deps(work));
    assert.equal(path, join(work, 'out.img'));
    const image = readImage(path);
    assert.deepEqual(image.meta, { app: 'hello', entry: '/app/index.js', nephos: image.meta.nephos, engine: '2021-03-27' });
    assert.match(image.meta.nephos, /^\d+\.\d+\.\d+/);
    assert.equal(Buffer.from(image.kernel).toString(), '\x7fELF dummy kernel for tests');
    const entries = parseArchive(image.archive);
    const files = new Map(entries.filter((e) => e.kind === 1).map((e) => [e.path, e.data]));
    assert.deepEqual([...files.keys()].sort(), [
      '/app/data.json', '/app/index.js', '/app/package.json',
      '/nephos/app.js.map', '/nephos/app.json', '/nephos/app.qbc', '/nephos/os.qbc',
    ]);
    assert.deepEqual([...files.get('/nephos/os.qbc')!], [1, 2, 3, 4]);
    assert.equal(Buffer.from(files.get('/app/index.js')!).toString(), HELLO['index.js']);
    assert.deepEqual(JSON.parse(Buffer.from(files.get('/nephos/app.json')!).toString()), {
      name: 'hello', entry: '/app/index.js', bytecode: '/nephos/app.qbc', script: '/nephos/app.js',
      sourceMap: '/nephos/app.js.map', nephos: { note: 'kept' },
    });
    const map = JSON.parse(Buffer.from(files.get('/nephos/app.js.map')!).toString());
    assert.equal(map.file, '/nephos/app.js');
    assert.ok(map.sources.includes('/app/index.js'));
    // The bytecode is the engine's: a QuickJS object starting with its bytecode version byte.
    assert.ok(files.get('/nephos/app.qbc')!.length > 100);
  } finally {
    removeTree(app);
    removeTree(work);
  }
});

test('default output name is <app name>.img in the current directory', async () => {
  const app = tempTree(HELLO);
  const work = tempTree({});
  const cwd = process.cwd();
  try {
    process.chdir(work);
    const path = await buildImage(app, undefined, deps(work));
    assert.equal(path, join(work, 'hello.img'));
    assert.ok(statSync(path).size > 4096);
  } finally {
    process.chdir(cwd);
    removeTree(app);
    removeTree(work);
  }
});

test('deterministic: the same app built twice (from two copies) gives the same bytes', async () => {
  const a = tempTree(HELLO);
  const b = tempTree(HELLO);
  const work = tempTree({});
  try {
    writeFileSync(join(b, 'index.js'), HELLO['index.js']); // fresh mtime: must not matter
    const one = await buildImageBytes(a, deps(work));
    const two = await buildImageBytes(b, deps(work));
    assert.equal(Buffer.compare(one, two), 0);
    writeFileSync(join(b, 'data.json'), '{"greeting":"hey"}');
    const three = await buildImageBytes(b, deps(work));
    assert.notEqual(Buffer.compare(one, three), 0);
    decodeImage(three, 'three.img');
  } finally {
    removeTree(a);
    removeTree(b);
    removeTree(work);
  }
});

test('a single-file app packs only its file', async () => {
  const app = tempTree({ 'srv.ts': 'import { x } from "./util";\nconsole.log(x);\n', 'util.ts': 'export const x: number = 1;\n' });
  const work = tempTree({});
  try {
    const bytes = await buildImageBytes(join(app, 'srv.ts'), deps(work));
    const img = decodeImage(bytes, 'srv.img');
    assert.equal(img.meta.entry, '/app/srv.ts');
    const appFiles = parseArchive(img.archive).filter((e) => e.kind === 1 && e.path.startsWith('/app/')).map((e) => e.path);
    assert.deepEqual(appFiles, ['/app/srv.ts']);
  } finally {
    removeTree(app);
    removeTree(work);
  }
});

test('an engine-side parse error is reported at the original file:line', async () => {
  // esbuild does not check the contents of regexp literals; the engine does, when compiling.
  const app = tempTree({ 'index.js': 'require("./lib/re");\n', 'lib/re.js': 'const ok = 1;\n\nconst r = /a{2,1}/;\nmodule.exports = r;\n' });
  const work = tempTree({});
  try {
    await assert.rejects(buildImage(app, join(work, 'x.img'), deps(work)), (e: unknown) => {
      assert.ok(e instanceof NephosError);
      assert.match(e.message, /(^|\/)lib\/re\.js:3:\d+: the engine \(QuickJS 2021-03-27\) cannot parse this: SyntaxError: .*: rewrite it with syntax the engine supports; the bundle is kept at /);
      const kept = /the bundle is kept at (\S+)$/.exec(e.message)![1];
      assert.ok(existsSync(kept));
      removeTree(join(kept, '..'));
      return true;
    });
    assert.equal(existsSync(join(work, 'x.img')), false);
  } finally {
    removeTree(app);
    removeTree(work);
  }
});

test('the bundle compiled into app.qbc runs on the host engine (as source: qjs cannot load bytecode files)', async () => {
  // jsc's output is checked by the guest; here the same bundle, as source, runs on the same engine.
  const app = tempTree(HELLO);
  const work = tempTree({});
  try {
    const bytes = await buildImageBytes(app, deps(work));
    const entries = parseArchive(decodeImage(bytes, 'x').archive);
    assert.ok(entries.find((e) => e.path === '/nephos/app.qbc'));
    const { qjs } = await hostTools();
    const { bundleApp } = await import('./bundle');
    const { loadApp } = await import('./app');
    const bundle = await bundleApp(loadApp(app));
    const r = runScriptOnEngine(qjs, `(${bundle.code.trimEnd()})(function (n) { return n; }).then(function () { console.log('ok'); });\n`);
    assert.equal(r.output, 'hi /app\nok\n');
  } finally {
    removeTree(app);
    removeTree(work);
  }
});

test('nephos run <app>: cached by content; unchanged apps are not rebundled or recompiled', async () => {
  const app = tempTree(HELLO);
  const home = tempTree({});
  try {
    const d = deps(home);
    const indexPath = join(app, 'index.js');
    utimesSync(indexPath, 1_700_000_000, 1_700_000_000); // whole seconds: restorable exactly below
    const first = await cachedAppImage(app, d, home);
    assert.ok(first.startsWith(join(home, 'images')));
    assert.equal(d.compiles, 1);
    assert.equal(await cachedAppImage(app, d, home), first);
    assert.equal(d.compiles, 1);

    // Same size and mtime: the stamp is trusted, nothing is bundled (the broken code is not seen).
    writeFileSync(indexPath, HELLO['index.js'].replace('console', 'c(nsole'));
    utimesSync(indexPath, 1_700_000_000, 1_700_000_000);
    assert.equal(await cachedAppImage(app, d, home), first);

    // Touched but identical content: bundled again, same content key, no compile.
    writeFileSync(indexPath, HELLO['index.js']);
    assert.equal(await cachedAppImage(app, d, home), first);
    assert.equal(d.compiles, 1);

    // Changed content: a new image.
    writeFileSync(join(app, 'data.json'), '{"greeting":"changed"}');
    const second = await cachedAppImage(app, d, home);
    assert.notEqual(second, first);
    assert.equal(d.compiles, 2);
    assert.deepEqual(readImage(second).meta.app, 'hello');

    // A new file in the app directory changes what is packed.
    writeFileSync(join(app, 'new.txt'), 'x');
    const third = await cachedAppImage(app, d, home);
    assert.notEqual(third, second);
    assert.ok(parseArchive(readImage(third).archive).some((e) => e.path === '/app/new.txt'));

    // A different OS (toolchain) invalidates the stamp.
    const before = d.compiles;
    d.osBytecode = async () => new Uint8Array([9]);
    const fourth = await cachedAppImage(app, d, home);
    assert.notEqual(fourth, third);
    assert.equal(d.compiles, before + 1);
    assert.deepEqual([...parseArchive(readImage(fourth).archive).find((e) => e.path === '/nephos/os.qbc')!.data], [9]);
    assert.ok(readFileSync(fourth).length > 0);
  } finally {
    removeTree(app);
    removeTree(home);
  }
});

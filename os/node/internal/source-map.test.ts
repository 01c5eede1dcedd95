import { test } from 'node:test';
import assert from 'node:assert/strict';
import { build } from 'esbuild';
import { SourceMap } from './source-map';

test('maps generated lines of an esbuild bundle back to original files and lines', async () => {
  const r = await build({
    stdin: { contents: "import { f } from './lib';\nconsole.log(1);\n\nf();\n", resolveDir: '/', sourcefile: '/app/index.js', loader: 'js' },
    bundle: true, write: false, sourcemap: 'external', outfile: '/out/app.js', format: 'iife',
    plugins: [{ name: 'lib', setup(b) {
      b.onResolve({ filter: /^\.\/lib$/ }, () => ({ path: '/app/lib.js', namespace: 'lib' }));
      b.onLoad({ filter: /.*/, namespace: 'lib' }, () => ({ contents: "export function f() {\n  throw new Error('x');\n}\n", loader: 'js' }));
    } }],
  });
  const js = r.outputFiles.find((f) => f.path.endsWith('.js'))!.text.split('\n');
  const map = SourceMap.parse(r.outputFiles.find((f) => f.path.endsWith('.map'))!.text);
  const throwLine = js.findIndex((l) => l.includes("throw new Error")) + 1;
  const pos = map.lookup(throwLine)!;
  assert.match(pos.file, /lib\.js$/);
  assert.equal(pos.line, 2);
  assert.equal(pos.column, 3);
  const callLine = js.findIndex((l) => /^\s*f\(\);/.test(l)) + 1;
  const call = map.lookup(callLine)!;
  assert.match(call.file, /index\.js$/);
  assert.equal(call.line, 4);
  assert.equal(map.lookup(100000), undefined);
});

test('malformed maps are refused, not misread', () => {
  assert.throws(() => SourceMap.parse('{"version":2}'), /version 3/);
  assert.throws(() => new SourceMap(['a'], 'AA!A'), /bad VLQ/);
});

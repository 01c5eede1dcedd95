import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { NephosError } from '../errors';
import { encodeImage } from '../image';
import { guestPath, loadApp, packedFiles } from './app';
import { removeTree, tempTree } from './testing';

function withTree(files: Record<string, string>, fn: (dir: string) => void): void {
  const dir = tempTree(files);
  try {
    fn(dir);
  } finally {
    removeTree(dir);
  }
}

function refused(fn: () => unknown, pattern: RegExp): void {
  assert.throws(fn, (e: unknown) => e instanceof NephosError && pattern.test(e.message));
}

test('entry: package.json main, with Node-style extension and index resolution', () => {
  withTree({ 'package.json': '{"main":"src/server"}', 'src/server.ts': '', 'index.js': '' }, (dir) => {
    assert.equal(loadApp(dir).entry, join(dir, 'src/server.ts'));
  });
  withTree({ 'package.json': '{"main":"lib"}', 'lib/index.js': '' }, (dir) => {
    assert.equal(loadApp(dir).entry, join(dir, 'lib/index.js'));
  });
  withTree({ 'package.json': '{"main":"./app.mjs"}', 'app.mjs': '' }, (dir) => {
    assert.equal(loadApp(dir).entry, join(dir, 'app.mjs'));
  });
  withTree({ 'package.json': '{"main":"gone.js"}', 'index.js': '' }, (dir) => {
    refused(() => loadApp(dir), /package\.json "main" is "gone\.js", which does not exist in .*: fix "main" or create the file/);
  });
});

test('entry: index.ts, then index.js, then index.mjs', () => {
  withTree({ 'index.ts': '', 'index.js': '', 'index.mjs': '' }, (dir) => assert.equal(loadApp(dir).entry, join(dir, 'index.ts')));
  withTree({ 'index.js': '', 'index.mjs': '' }, (dir) => assert.equal(loadApp(dir).entry, join(dir, 'index.js')));
  withTree({ 'index.mjs': '', 'package.json': '{"name":"x"}' }, (dir) => assert.equal(loadApp(dir).entry, join(dir, 'index.mjs')));
  withTree({ 'main.js': '' }, (dir) => {
    refused(() => loadApp(dir), /^no entry point in .*: add "main" to package\.json or create index\.ts, index\.js or index\.mjs$/);
  });
});

test('names: package name without scope, else the directory or file name; nephos key kept', () => {
  withTree({ 'package.json': '{"name":"@acme/web-api","nephos":{"memory":"256M"}}', 'index.js': '' }, (dir) => {
    const app = loadApp(dir);
    assert.equal(app.name, 'web-api');
    assert.deepEqual(app.nephosConfig, { memory: '256M' });
  });
  withTree({ 'My App/index.js': '', 'tool.ts': '' }, (dir) => {
    assert.equal(loadApp(join(dir, 'My App')).name, 'My-App');
    const single = loadApp(join(dir, 'tool.ts'));
    assert.equal(single.name, 'tool');
    assert.equal(single.singleFile, true);
    assert.equal(single.nephosConfig, undefined);
  });
});

test('bad inputs: missing path, wrong file type, broken package.json', () => {
  refused(() => loadApp('/definitely/not/here'), /^\/definitely\/not\/here does not exist: give an app directory or a \.ts\/\.js file$/);
  withTree({ 'notes.txt': '', 'package.json': '{oops', 'index.js': '' }, (dir) => {
    refused(() => loadApp(join(dir, 'notes.txt')), /is not an app: give a directory or a \.ts, \.js, \.mjs or \.cjs file/);
    refused(() => loadApp(dir), /package\.json is not valid JSON/);
  });
});

test('guest paths: under /app, never escaping it', () => {
  withTree({ 'app/index.js': '' }, (dir) => {
    const app = loadApp(join(dir, 'app'));
    assert.equal(guestPath(app, join(dir, 'app/index.js')), '/app/index.js');
    assert.equal(guestPath(app, join(dir, 'app/node_modules/p/i.js')), '/app/node_modules/p/i.js');
    assert.equal(guestPath(app, join(dir, 'app')), '/app');
    assert.equal(guestPath(app, join(dir, 'app/..foo/x.js')), '/app/..foo/x.js');
    assert.equal(guestPath(app, join(dir, 'shared/x.js')), `/app/.outside${dir}/shared/x.js`);
  });
});

test('packed files: everything but .git and node_modules (at any depth), sorted, with exec bits; images skipped', () => {
  withTree({
    'index.js': '', 'data.json': '{}', 'lib/a.js': '', '.env': 'A=1', '.git/HEAD': 'ref', 'node_modules/p/i.js': '',
    'packages/x/node_modules/q/i.js': '', 'packages/x/y.js': '', 'bin/run.sh': '#!/bin/sh',
  }, (dir) => {
    chmodSync(join(dir, 'bin/run.sh'), 0o755);
    writeFileSync(join(dir, 'old.img'), encodeImage({ app: 'a', entry: '/app/index.js', nephos: '0', engine: '0' }, new Uint8Array(1), new Uint8Array(1)));
    writeFileSync(join(dir, 'notimage.img'), 'just a file');
    mkdirSync(join(dir, 'elsewhere'));
    symlinkSync(join(dir, 'lib'), join(dir, 'lib-link'));
    symlinkSync(join(dir, 'data.json'), join(dir, 'data-link.json'));
    const files = packedFiles(loadApp(dir));
    assert.deepEqual(files.map((f) => f.guest), [
      '/app/.env', '/app/bin/run.sh', '/app/data-link.json', '/app/data.json', '/app/index.js', '/app/lib/a.js',
      '/app/notimage.img', '/app/packages/x/y.js',
    ]);
    assert.equal(files.find((f) => f.guest === '/app/bin/run.sh')!.mode, 0o755);
    assert.equal(files.find((f) => f.guest === '/app/index.js')!.mode, 0o644);
  });
});

test('a single-file app packs only that file', () => {
  withTree({ 'srv/main.mjs': '', 'srv/other.js': '' }, (dir) => {
    assert.deepEqual(packedFiles(loadApp(join(dir, 'srv/main.mjs'))).map((f) => f.guest), ['/app/main.mjs']);
  });
});

// The dashboard in a real browser: Debian's chromium, headless, driven by playwright-core. An
// instance appears, its charts update, the restart button restarts the application in place
// (the generation shown goes up), and a screenshot is saved under build/test-output/.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { makeApp, nephos, removeApp, ROOT, run, TEST_HOME } from './helpers';
import { createDashboard } from '../cli/dashboard/server';

// Functions passed to waitForFunction run in the page, where `document` exists.
declare const document: any;

const CHROMIUM = '/usr/bin/chromium';
const name = `dash-${process.pid}`;
const dir = makeApp({ 'index.js': `
const http = require('http');
http.createServer((req, res) => res.end('hi')).listen(8080, () => console.log('dashboard test app', JSON.stringify(process.argv.slice(2))));
setInterval(() => console.log('tick', Date.now()), 500);
` });

after(async () => {
  await nephos(['rm', '-f', name]);
  removeApp(dir);
});

test('an instance appears, a chart updates, restart works, a screenshot is saved', { skip: existsSync(CHROMIUM) ? false : 'chromium is not installed (scripts/setup.sh installs it)' }, async () => {
  const r = await run(dir, ['first'], ['-d', '--name', name]);
  assert.equal(r.code, 0, r.stderr);
  const server = createDashboard({ home: TEST_HOME, port: 0 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
    await page.goto(url);
    await page.waitForSelector(`#instances li[data-name="${name}"]`, { timeout: 15000 });
    await page.click(`#instances li[data-name="${name}"]`);
    // The memory chart gains points as the page polls /stats.
    await page.waitForFunction(() => Number(document.getElementById('chart-memory')!.dataset.points) >= 3, undefined, { timeout: 20000 });
    const first = await page.getAttribute('#chart-memory polyline', 'points');
    await page.waitForFunction((p) => document.querySelector('#chart-memory polyline')!.getAttribute('points') !== p, first, { timeout: 10000 });
    await page.waitForFunction(() => document.getElementById('log')!.textContent!.includes('dashboard test app'), undefined, { timeout: 10000 });
    assert.equal(await page.getAttribute('#status', 'data-generation'), '1');
    await page.click('#restart');
    await page.waitForFunction(() => document.getElementById('status')!.dataset.generation === '2', undefined, { timeout: 20000 });
    await page.waitForFunction(() => /generation 2/.test(document.getElementById('status')!.textContent!) && /running/.test(document.getElementById('status')!.textContent!), undefined, { timeout: 20000 });
    await page.waitForFunction(() => (document.getElementById('env')!.textContent ?? '').length >= 0, undefined, { timeout: 5000 });
    const out = join(ROOT, 'build', 'test-output');
    mkdirSync(out, { recursive: true });
    const shot = join(out, 'dashboard.png');
    await page.screenshot({ path: shot, fullPage: true });
    assert.ok(statSync(shot).size > 10_000);
    // The VM stayed up through the restart.
    const ps = JSON.parse((await nephos(['ps', '--json'])).stdout).find((i: any) => i.name === name);
    assert.equal(ps.status, 'running');
  } catch (e) {
    const page = browser.contexts()[0]?.pages()[0];
    if (page) {
      mkdirSync(join(ROOT, 'build', 'test-output'), { recursive: true });
      await page.screenshot({ path: join(ROOT, 'build', 'test-output', 'dashboard-failure.png') }).catch(() => {});
      console.log('status:', await page.textContent('#status').catch(() => '?'), 'msg:', await page.textContent('#msg').catch(() => '?'));
    }
    throw e;
  } finally {
    await browser.close();
    server.close();
  }
});

#!/usr/bin/env node
// `scripts/bench offsite`: a page that is not a CRM (tests/bench/news.js: a news front page with 12
// ad-style iframes from another origin), loaded in each browser with the extension (a CRM set up
// elsewhere) and without it (the same browser, no extension), the two alternating in the same run,
// BENCH_OFFSITE_RUNS loads each (default 7); medians. Both browsers: DOMContentLoaded, load, the
// frames, and the main thread's busy time as the page's own probe sees it (a ping loop over
// MessageChannel from the start of parsing to 300 ms after load). Chromium also: script and task
// time of the page's renderer (CDP Performance.getMetrics, ScriptDuration and TaskDuration, over
// each load), the extension's content-script worlds in the page, and whether its service worker
// started (it is stopped before the loads). Firefox shows neither worlds nor the event page's state
// to WebDriver. BENCH_CHROMIUM=0 or BENCH_FIREFOX=0 skips a browser; BENCH_EXTENSION_DIR
// measures another build (an older one's cost, to see that the bench shows it);
// BENCH_OFFSITE_CONTROL=dir gives the Chromium "without" that extension instead of none.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const server = require('../../tests/server.js');
const drivers = require('../../tests/e2e/drivers.js');
const { settingsFor, configure } = require('../../tests/e2e/helpers.js');

const RUNS = Number(process.env.BENCH_OFFSITE_RUNS ?? 7);
const EXTENSION_DIR = process.env.BENCH_EXTENSION_DIR ? path.resolve(process.env.BENCH_EXTENSION_DIR) : path.join(__dirname, '..', '..', 'dist', 'extension');
const median = (list) => {
  const sorted = [...list].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const ms = (x) => `${x.toFixed(0)} ms`;
const pause = (t) => new Promise((resolve) => setTimeout(resolve, t));

/** Settings whose only CRM is a site that is not this server's: every page here is "not a CRM". */
function elsewhere(env) {
  const settings = settingsFor(env, { popOn: 'never' });
  settings.crms[0].sites = ['https://crm.example.com/*'];
  return settings;
}

async function waitProbe(evaluate) {
  const deadline = Date.now() + 30000;
  for (;;) {
    const probe = await evaluate().catch(() => null);
    if (probe?.done) return probe;
    if (Date.now() > deadline) throw new Error('the page probe never finished');
    await pause(50);
  }
}

/**
 * Chromium without the extension. BENCH_OFFSITE_CONTROL=dir loads the extension in `dir` there
 * instead (e.g. one with a manifest alone): what any installed extension costs Chromium, apart
 * from what ours does.
 */
async function plainChromium() {
  const { chromium } = require('playwright-core');
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mycc-bench-plain-'));
  const control = process.env.BENCH_OFFSITE_CONTROL ? path.resolve(process.env.BENCH_OFFSITE_CONTROL) : null;
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1280, height: 800 },
    args: [
      ...(control ? [`--disable-extensions-except=${control}`, `--load-extension=${control}`] : []),
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
  return { context, close: async () => { await context.close(); fs.rmSync(userDataDir, { recursive: true, force: true }); } };
}

/** One load in Chromium: the probe, and the renderer's script and task time over it. */
async function chromiumLoad(page, cdp, url) {
  const metric = async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    const get = (name) => metrics.find((m) => m.name === name)?.value ?? 0;
    return { script: get('ScriptDuration') * 1000, task: get('TaskDuration') * 1000 };
  };
  await page.goto('about:blank');
  const before = await metric();
  await page.goto(url, { waitUntil: 'load' });
  const probe = await waitProbe(() => page.evaluate(() => window.offsiteProbe));
  const after = await metric();
  return { ...probe, frames: page.frames().length - 1, script: after.script - before.script, task: after.task - before.task };
}

const quantile = (list, q) => {
  const sorted = [...list].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  return sorted[Math.floor(at)] + (sorted[Math.ceil(at)] - sorted[Math.floor(at)]) * (at - Math.floor(at));
};

/**
 * The extension's content-script worlds in the page and every frame of it: the page's own CDP
 * session sees the frames of its process; each frame of another site (an ad) runs in a process
 * of its own, with a session of its own.
 */
async function contentScriptWorlds(page, extensionOrigin) {
  let worlds = 0;
  for (const target of [page, ...page.frames().slice(1)]) {
    let cdp;
    try {
      cdp = await page.context().newCDPSession(target);
    } catch {
      continue; // a frame in the page's own process: seen through the page's session
    }
    const contexts = [];
    cdp.on('Runtime.executionContextCreated', (e) => contexts.push(e.context));
    await cdp.send('Runtime.enable'); // reports the contexts that exist already
    await cdp.detach();
    worlds += contexts.filter((c) => c.origin === extensionOrigin && !c.auxData?.isDefault).length;
  }
  return worlds;
}

/**
 * Medians with and without, each with its interquartile range. "Within noise" when the two
 * medians differ by less than the narrower of the two ranges: the difference is smaller than
 * how much the same page's loads vary among themselves.
 */
function report(browser, rows, keys) {
  console.log(`\na page that is not a CRM (news, 12 ad iframes), ${browser}, ${RUNS} loads each, medians (interquartile range):`);
  for (const [key, label] of keys) {
    const stats = (side) => {
      const list = rows[side].map((r) => r[key]);
      return { median: median(list), low: quantile(list, 0.25), high: quantile(list, 0.75) };
    };
    const [w, wo] = [stats('with'), stats('without')];
    const within = Math.abs(w.median - wo.median) < Math.min(w.high - w.low, wo.high - wo.low);
    const shown = (x) => `${ms(x.median)} (${x.low.toFixed(0)} to ${x.high.toFixed(0)})`;
    console.log(`  ${label.padEnd(37)} with ${shown(w)}, without ${shown(wo)}: ${(w.median / wo.median).toFixed(2)}x, ${within ? 'within noise' : 'NOT within noise'}`);
  }
  console.log(`  frames in the page: with ${median(rows.with.map((r) => r.frames))}, without ${median(rows.without.map((r) => r.frames))}`);
}

async function chromiumRuns(env, url) {
  const ours = await drivers.chromium({ extensionDir: EXTENSION_DIR, crmOrigin: env.crmOrigin });
  await configure(ours, elsewhere(env));
  const plain = await plainChromium();
  const pages = { with: ours.context.pages()[0], without: plain.context.pages()[0] ?? (await plain.context.newPage()) };
  const cdps = {};
  for (const side of ['with', 'without']) {
    cdps[side] = await pages[side].context().newCDPSession(pages[side]);
    await cdps[side].send('Performance.enable');
    await chromiumLoad(pages[side], cdps[side], url); // warm the caches of both alike
  }
  // No extension page open (the first-run page asks the background every few seconds): only a
  // page could start the worker.
  await ours.freshExtensionPage();
  await ours.closeOtherTabs();
  const stopped = await ours.stopServiceWorker();
  const starts = ours.workerStarts();
  const rows = { with: [], without: [] };
  let worlds = 0;
  const startedBy = [];
  for (let run = 0; run < RUNS; run++) {
    for (const side of run % 2 ? ['without', 'with'] : ['with', 'without']) {
      const before = ours.workerStarts();
      rows[side].push(await chromiumLoad(pages[side], cdps[side], url));
      if (side === 'with') worlds = Math.max(worlds, await contentScriptWorlds(pages.with, ours.extensionOrigin));
      if (ours.workerStarts() > before) startedBy.push(`${side} ${run + 1}`);
    }
  }
  report('Chromium', rows, [['script', 'script (CDP ScriptDuration)'], ['task', 'main-thread tasks (CDP TaskDuration)'], ['busyMs', 'main thread busy (page probe)'], ['dcl', 'DOMContentLoaded'], ['load', 'load']]);
  console.log(`  the extension's content-script worlds in the page and its frames, at most: ${worlds}; its worker ${stopped ? 'stopped before the loads and' : 'could not be stopped, and'} started again ${ours.workerStarts() - starts} times during them${startedBy.length ? ` (in the loads ${startedBy.join(', ')})` : ''}`);
  await ours.close();
  await plain.close();
}

async function plainFirefox() {
  const { Builder } = require('selenium-webdriver');
  const ff = require('selenium-webdriver/firefox');
  const profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mycc-bench-plain-ff-'));
  // The same preferences as the e2e driver's Firefox, but for the extension's.
  const options = new ff.Options()
    .setBinary('/usr/bin/firefox-esr')
    .addArguments('-headless', '--width=1280', '--height=800', '-profile', profileDir)
    .setPreference('media.navigator.permission.disabled', true)
    .setPreference('dom.disable_open_during_load', false);
  const driver = await new Builder().forBrowser('firefox').setFirefoxOptions(options).build();
  return {
    goto: (url) => driver.get(url),
    evaluate: (fn) => driver.executeScript(`return (${fn.toString()})()`),
    close: async () => { await driver.quit(); fs.rmSync(profileDir, { recursive: true, force: true }); },
  };
}

async function firefoxRuns(env, url) {
  const ours = await drivers.firefox({ extensionDir: EXTENSION_DIR, crmOrigin: env.crmOrigin, artifactsDir: path.join(__dirname, '..', '..', 'dist', 'bench') });
  await configure(ours, elsewhere(env));
  await ours.closeOtherTabs(); // the first-run page, which asks the background every few seconds
  const plain = await plainFirefox();
  const browsers = { with: ours, without: plain };
  const load = async (side) => {
    await browsers[side].goto(url);
    return waitProbe(() => browsers[side].evaluate(() => window.offsiteProbe));
  };
  await load('with');
  await load('without');
  const rows = { with: [], without: [] };
  for (let run = 0; run < RUNS; run++) {
    for (const side of run % 2 ? ['without', 'with'] : ['with', 'without']) rows[side].push(await load(side));
  }
  report('Firefox', rows, [['busyMs', 'main thread busy (page probe)'], ['dcl', 'DOMContentLoaded'], ['load', 'load']]);
  await ours.close();
  await plain.close();
}

(async () => {
  const env = await server.start();
  // The page on one origin, its ads on another; the only CRM is a site that is neither.
  const url = `${env.crmOrigin}/bench/news?ads=${encodeURIComponent(env.crm2Origin)}`;
  if (process.env.BENCH_CHROMIUM !== '0') await chromiumRuns(env, url);
  if (process.env.BENCH_FIREFOX !== '0') await firefoxRuns(env, url);
  env.close();
})().catch((error) => {
  console.error(`offsite benchmark failed: ${error.stack}`);
  process.exit(1);
});

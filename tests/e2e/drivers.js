'use strict';
// One small driver interface over Playwright (Chromium) and Selenium (Firefox), so each
// scenario is written once and run in both browsers against the extension as built.
//   goto(url) · evaluate(fn, arg) in the page · click(css) and clickInDock(css): trusted clicks
//   clickAt(x, y), hover(x, y): the mouse at a point of the viewport · press(key, modifiers): a key
//   resize(width, height): the page's viewport to that size (returns the size it had)
//   dockText(css), dockVisible(css), frameText(frame css, css), frameVisible(frame css, css): read inside a frame
//   extension(fn, arg): run an async function in an extension page (storage, action, ...)
//   front(): the test's page is the tab in front again (Firefox's newTab() leaves it there, Chromium's does not)
//   axe(where, options): axe-core run in the page or its dock frame · colorScheme('dark' | 'light')
//   screenshot(file) · close()
const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync } = require('child_process');

// The pause between two checks of a condition the drivers wait for (never a wait in itself).
const POLL_MS = 200;
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// axe-core, injected as a script into the page under test (not bundled in the extension).
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
/**
 * Runs in the page once AXE_SOURCE is there: axe's verdict, kept to what a report needs (each
 * violation's rule, impact, summary and the nodes it is about), small enough to cross WebDriver.
 */
async function axeVerdict({ include, options }) {
  const results = await globalThis.axe.run(include ? { include } : document, options);
  return results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map((n) => ({ target: n.target, summary: n.failureSummary, html: n.html.slice(0, 200) })),
  }));
}

const GECKO_ID = 'connect@mycc-connect.org';
const FIREFOX_UUID = '5a1b7c2e-3d4f-4a6b-8c9d-0e1f2a3b4c5d';

// lang: the browser's UI language ('vi', 'en'), which the extension's pages follow; Chromium on
// Linux takes it from LANGUAGE (chromium-l10n holds the Vietnamese). colorScheme: 'light' or 'dark'.
async function chromium({ extensionDir, crmOrigin, headless = true, tls = null, preferences = {}, lang = null, colorScheme = 'light' }) {
  const { chromium: pw } = require('playwright-core');
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mycc-chromium-'));
  // Developer mode on: without it Chromium disables an unpacked extension that reloads itself
  // (runtime.reload(), as an update does) a few seconds after start-up ("unsupported developer extension").
  fs.mkdirSync(path.join(userDataDir, 'Default'));
  // `preferences`: more of the profile's settings, as a user would have set them (a measurement's).
  fs.writeFileSync(path.join(userDataDir, 'Default', 'Preferences'), JSON.stringify({ extensions: { ui: { developer_mode: true } }, ...preferences }));
  let context = null;
  let page = null;
  let swCdp = null;
  let extPage = null;
  let extensionOrigin = null;
  // The worker's life as CDP reports it: how often it stopped and started again.
  const workerLife = { stops: 0, starts: 0, last: 'running' };

  /** Starts Chromium on the profile (again, after restart()): the extension, its worker, one page. */
  async function launch() {
    context = await pw.launchPersistentContext(userDataDir, {
      executablePath: '/usr/bin/chromium',
      headless,
      viewport: { width: 1280, height: 800 },
      colorScheme,
      ...(lang ? { env: { ...process.env, LANGUAGE: lang, LC_ALL: 'C.UTF-8' } } : {}),
      args: [
        ...(lang ? [`--lang=${lang}`] : []),
        `--disable-extensions-except=${extensionDir}`,
        `--load-extension=${extensionDir}`,
        '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync',
        // The https WebPhone stand-in's certificate (tests/tls.js) is trusted by its key alone,
        // not every certificate error.
        ...(tls ? [`--ignore-certificate-errors-spki-list=${tls.spki}`] : []),
      ],
    });
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15000 }));
    extensionOrigin = worker.url().split('/').slice(0, 3).join('/');
    page = context.pages()[0] ?? (await context.newPage());
    extPage = null;
    swCdp = await context.newCDPSession(page);
    workerLife.last = 'running';
    swCdp.on('ServiceWorker.workerVersionUpdated', (e) => {
      for (const v of e.versions) {
        if (!v.scriptURL.startsWith(extensionOrigin) || v.runningStatus === workerLife.last) continue;
        if (v.runningStatus === 'stopped') workerLife.stops++;
        if (v.runningStatus === 'running' && workerLife.last !== 'running') workerLife.starts++;
        workerLife.last = v.runningStatus;
      }
    });
    await swCdp.send('ServiceWorker.enable');
  }
  await launch();

  // The dock frame sits in a closed shadow root, out of reach of selectors: it is found among the
  // page's frames by its address, once it is there.
  async function findDockFrame(p) {
    for (let tries = 0; tries < 200; tries++) {
      const frame = p.frames().find((f) => f.url().startsWith(`${extensionOrigin}/dock.html`));
      if (frame) return frame;
      await pause(POLL_MS / 4);
    }
    throw new Error('no dock frame in the page');
  }
  const dockFrame = (p) => ({
    locator: (selector) => ({
      click: async () => (await findDockFrame(p)).locator(selector).click(),
      textContent: async () => (await findDockFrame(p)).locator(selector).textContent(),
      isVisible: async () => (await findDockFrame(p)).locator(selector).isVisible(),
    }),
  });
  // The WebPhone's own frame: inside the dock frame of a CRM page, or inside the side panel page.
  const phoneIn = (frameOf) => {
    const at = async (selector) => (await frameOf()).frameLocator('#phone iframe').locator(selector).first();
    return {
      phoneFill: async (selector, text) => (await at(selector)).fill(text),
      phoneClick: async (selector) => (await at(selector)).click(),
      // Not visible, rather than an error, while the frame is not there yet: callers wait on it.
      phoneVisible: (selector) => at(selector).then((found) => found.isVisible()).catch(() => false),
    };
  };
  async function extensionPage() {
    if (!extPage || extPage.isClosed()) {
      extPage = await context.newPage();
      await extPage.goto(`${extensionOrigin}/options.html`);
    }
    return extPage;
  }

  return {
    name: 'chromium',
    extensionOrigin,
    get context() {
      return context;
    },
    /**
     * Quits Chromium and starts it again on the same profile (user data dir), as an agent's
     * browser restart: every tab and storage.session are gone; cookies and storage.sync stay.
     */
    async restart() {
      await context.close();
      await launch();
    },
    async goto(url) {
      await page.goto(url, { waitUntil: 'load' });
    },
    evaluate: (fn, arg) => page.evaluate(fn, arg),
    async click(selector) {
      await page.locator(selector).first().click();
    },
    async clickInDock(selector) {
      await dockFrame(page).locator(selector).click();
    },
    clickAt: (x, y) => page.mouse.click(x, y),
    hover: (x, y) => page.mouse.move(x, y),
    async drag(from, to) {
      await page.mouse.move(...from);
      await page.mouse.down();
      await page.mouse.move(...to, { steps: 5 });
      await page.mouse.up();
    },
    /** A key with modifiers held: press('k', ['Alt', 'Shift']). */
    press: (key, modifiers = []) => page.keyboard.press([...modifiers, key.length === 1 ? `Key${key.toUpperCase()}` : key].join('+')),
    async resize(width, height) {
      const before = page.viewportSize() ?? (await page.evaluate(() => ({ width: innerWidth, height: innerHeight })));
      await page.setViewportSize({ width, height });
      return before;
    },
    dockText: (selector) => dockFrame(page).locator(selector).textContent(),
    dockVisible: (selector) => dockFrame(page).locator(selector).isVisible(),
    ...phoneIn(() => findDockFrame(page)),
    frameText: (frameSelector, selector) => page.frameLocator(frameSelector).locator(selector).first().textContent(),
    frameVisible: (frameSelector, selector) => page.frameLocator(frameSelector).locator(selector).first().isVisible(),
    async pressEnterOn(selector) {
      await page.locator(selector).first().focus();
      await page.keyboard.press('Enter');
    },
    async extension(fn, arg) {
      const p = await extensionPage();
      const result = await p.evaluate(fn, arg);
      // A background tab's timers are throttled: give the test page the foreground back.
      await page.bringToFront();
      return result;
    },
    async pages() {
      return context.pages().filter((p) => p !== extPage).map((p) => p.url());
    },
    async openExtensionPage(file) {
      const p = await context.newPage();
      await p.goto(`${extensionOrigin}/${file}`);
      return {
        click: (selector) => p.locator(selector).first().click(),
        evaluate: (fn, arg) => p.evaluate(fn, arg),
        setFile: (selector, file) => p.setInputFiles(selector, file),
        ...phoneIn(async () => p),
        close: async () => {
          await p.close();
          await page.bringToFront();
        },
      };
    },
    async gotoExtensionPage(file) {
      await page.goto(`${extensionOrigin}/${file}`, { waitUntil: 'load' });
    },
    fill: (selector, text) => page.fill(selector, text),
    setFile: (selector, file) => page.setInputFiles(selector, file),
    selectValue: (selector, value) => page.selectOption(selector, value),
    async newTab(url) {
      const p = await context.newPage();
      await p.goto(url, { waitUntil: 'load' });
      return {
        evaluate: (fn, arg) => p.evaluate(fn, arg),
        click: (selector) => p.locator(selector).first().click(),
        clickAt: (x, y) => p.mouse.click(x, y),
        clickInDock: (selector) => dockFrame(p).locator(selector).click(),
        dockText: (selector) => dockFrame(p).locator(selector).textContent(),
        dockVisible: (selector) => dockFrame(p).locator(selector).isVisible(),
        ...phoneIn(() => findDockFrame(p)),
        close: () => p.close(),
      };
    },
    front: () => page.bringToFront(),
    /**
     * Closes every tab but the test's page and the extension page, and returns once the browser
     * lists none of them. The tabs are the browser's own list (CDP), not context.pages(): a tab
     * the extension has just made (a screen pop it then navigated) can be missing there until
     * Playwright has attached to it, and would be left open for the next scenario.
     */
    async closeOtherTabs() {
      const cdp = await context.newCDPSession(page);
      try {
        const targetOf = async (p) => {
          const session = p === page ? cdp : await context.newCDPSession(p);
          const { targetInfo } = await session.send('Target.getTargetInfo');
          if (session !== cdp) await session.detach();
          return targetInfo.targetId;
        };
        const keep = new Set([await targetOf(page)]);
        if (extPage && !extPage.isClosed()) keep.add(await targetOf(extPage));
        const others = async () => (await cdp.send('Target.getTargets')).targetInfos.filter((t) => t.type === 'page' && !keep.has(t.targetId));
        // Closed again each round: a tab still on its first, empty document can change target as
        // it commits its address, and the first close then missed it.
        const deadline = Date.now() + 10000;
        for (let left = await others(); left.length; left = await others()) {
          if (Date.now() > deadline) throw new Error(`tabs still open: ${left.map((t) => t.url).join(', ')}`);
          await Promise.all(left.map((t) => cdp.send('Target.closeTarget', { targetId: t.targetId }).catch(() => undefined)));
          await pause(POLL_MS / 4);
        }
      } finally {
        await cdp.detach().catch(() => undefined);
      }
      await page.bringToFront();
    },
    /** How many of the extension's content-script worlds the page has, in all its frames. */
    async contentScriptWorlds() {
      const cdp = await context.newCDPSession(page);
      const contexts = [];
      cdp.on('Runtime.executionContextCreated', (e) => contexts.push(e.context));
      await cdp.send('Runtime.enable'); // reports the contexts that exist already
      await cdp.detach();
      return contexts.filter((c) => c.origin === extensionOrigin && !c.auxData?.isDefault).length;
    },
    /** How many times the page recalculated style and laid out while `during()` ran (CDP's counters). */
    async renderCounts(during) {
      const cdp = await context.newCDPSession(page);
      const counts = async () => {
        const { metrics } = await cdp.send('Performance.getMetrics');
        const get = (name) => metrics.find((m) => m.name === name)?.value ?? NaN;
        return { styles: get('RecalcStyleCount'), layouts: get('LayoutCount') };
      };
      try {
        await cdp.send('Performance.enable');
        const before = await counts();
        await during();
        const after = await counts();
        return { styles: after.styles - before.styles, layouts: after.layouts - before.layouts };
      } finally {
        await cdp.detach();
      }
    },
    /** Evaluates `expression` in the extension's content-script world of the page's top frame. */
    async inContentScript(expression) {
      const cdp = await context.newCDPSession(page);
      const contexts = [];
      cdp.on('Runtime.executionContextCreated', (e) => contexts.push(e.context));
      await cdp.send('Runtime.enable'); // reports the contexts that exist already
      const { frameTree } = await cdp.send('Page.getFrameTree');
      const world = contexts.find((c) => c.origin === extensionOrigin && c.auxData?.frameId === frameTree.frame.id && !c.auxData?.isDefault);
      try {
        if (!world) throw new Error('no content-script world in the page');
        const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', { expression, contextId: world.id, returnByValue: true });
        if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
        return result.value;
      } finally {
        await cdp.detach();
      }
    },
    /**
     * runtime.reload(), as an update does: the extension's pages close, the worker starts anew;
     * returns once a fresh extension page can use the extension's APIs again.
     */
    async reloadExtension() {
      const p = await extensionPage();
      // storage.session is emptied by a reload: a marker left there tells the old instance from the new.
      await p.evaluate(async () => {
        await chrome.storage.session.set({ e2eBeforeReload: true });
        setTimeout(() => chrome.runtime.reload(), 50);
        return true;
      });
      await p.waitForEvent('close', { timeout: 10000 }).catch(() => undefined);
      if (!p.isClosed()) await p.close();
      extPage = null;
      const deadline = Date.now() + 15000;
      for (;;) {
        try {
          const fresh = await extensionPage();
          if (await fresh.evaluate(async () => !(await chrome.storage.session.get('e2eBeforeReload')).e2eBeforeReload)) break;
          throw new Error('still the instance from before the reload');
        } catch (error) {
          if (Date.now() > deadline) throw new Error(`the extension did not come back after runtime.reload(): ${error.message}`);
          if (extPage && !extPage.isClosed()) await extPage.close().catch(() => undefined);
          extPage = null;
          await pause(POLL_MS);
        }
      }
      await page.bringToFront();
    },
    /** Closes the page extension() runs in; the next call opens a new one. */
    async freshExtensionPage() {
      if (extPage && !extPage.isClosed()) await extPage.close();
      extPage = null;
    },
    /**
     * Keeps the extension's running service worker in a loop for `ms`: nothing it would answer
     * meanwhile is answered. Resolves once the loop has ended.
     */
    async busyWorker(ms) {
      const running = context.serviceWorkers().find((w) => w.url().startsWith(extensionOrigin));
      if (!running) throw new Error('the service worker is not running');
      await running.evaluate((until) => {
        while (Date.now() < until);
        return true;
      }, Date.now() + ms);
    },
    /** How many times the extension's service worker started again after stopping. */
    workerStarts: () => workerLife.starts,
    /** Stops the extension's service worker, as Chrome does when it is idle. */
    async stopServiceWorker() {
      const stops = workerLife.stops;
      await swCdp.send('ServiceWorker.stopAllWorkers');
      const deadline = Date.now() + 5000;
      while (Date.now() < deadline && workerLife.stops === stops) await new Promise((r) => setTimeout(r, 20));
      return workerLife.stops > stops;
    },
    /** axe-core's violations in the page ('page') or in its dock frame ('dock'). */
    async axe(where, { include = null, options = {} } = {}) {
      const target = where === 'dock' ? await findDockFrame(page) : page;
      // A string is evaluated through the DevTools protocol, which no page's CSP applies to.
      if (!(await target.evaluate(() => typeof globalThis.axe === 'object'))) await target.evaluate(AXE_SOURCE);
      return target.evaluate(axeVerdict, { include, options });
    },
    /** prefers-color-scheme for the main page and its frames. */
    colorScheme: (scheme) => page.emulateMedia({ colorScheme: scheme }),
    screenshot: (file) => page.screenshot({ path: file }),
    async close() {
      await context.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

function geckodriverPath() {
  const candidates = [process.env.GECKODRIVER, path.join(os.homedir(), '.cargo', 'bin', 'geckodriver'), '/usr/local/bin/geckodriver', '/usr/bin/geckodriver'];
  return candidates.find((p) => p && fs.existsSync(p));
}

async function firefox({ extensionDir, crmOrigin, artifactsDir, prefs = {}, tls = null }) {
  const { Builder, By, until } = require('selenium-webdriver');
  const ff = require('selenium-webdriver/firefox');
  fs.mkdirSync(artifactsDir, { recursive: true });
  const xpi = path.join(artifactsDir, 'mycc-connect-e2e.xpi');
  fs.rmSync(xpi, { force: true });
  execFileSync('zip', ['-q', '-r', '-X', xpi, '.'], { cwd: extensionDir });
  // A profile of our own, kept across restart(): Firefox reads policies.json only at start-up.
  const profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mycc-firefox-'));
  // The https WebPhone stand-in's CA (tests/tls.js), trusted in this profile's certificate store
  // as an agent's own CA would be (certutil, from Debian's libnss3-tools).
  if (tls) {
    execFileSync('certutil', ['-N', '-d', `sql:${profileDir}`, '--empty-password']);
    execFileSync('certutil', ['-A', '-d', `sql:${profileDir}`, '-n', 'myCC Connect e2e test CA', '-t', 'C,,', '-i', tls.caFile]);
  }
  let driver = null;
  let mainHandle = null;
  let extHandle = null;

  async function start() {
    const options = new ff.Options()
      .setBinary('/usr/bin/firefox-esr')
      .addArguments('-headless', '--width=1280', '--height=800', '-profile', profileDir)
      .setPreference('extensions.webextensions.uuids', JSON.stringify({ [GECKO_ID]: FIREFOX_UUID }))
      .setPreference('media.navigator.permission.disabled', true)
      .setPreference('dom.disable_open_during_load', false);
    for (const [name, value] of Object.entries(prefs)) options.setPreference(name, value);
    driver = await new Builder()
      .forBrowser('firefox')
      .setFirefoxOptions(options)
      // System access: colorScheme() sets a pref from the browser's chrome context.
      .setFirefoxService(new ff.ServiceBuilder(geckodriverPath()).addArguments('--allow-system-access').setStdio(process.env.E2E_BROWSER_LOG ? 'inherit' : 'ignore'))
      .build();
    await driver.installAddon(xpi, true);
    await driver.manage().setTimeouts({ script: 20000 });
    mainHandle = await driver.getWindowHandle();
    extHandle = null;
  }
  await start();
  const extensionOrigin = `moz-extension://${FIREFOX_UUID}`;

  // One WebDriver session has one current window: call this once at a time (two at once would
  // switch windows under each other and run a script in the CRM page).
  async function inExtension(fn, arg) {
    if (!extHandle || !(await driver.getAllWindowHandles()).includes(extHandle)) {
      await driver.switchTo().newWindow('tab');
      extHandle = await driver.getWindowHandle();
      await navigateToExtensionPage('dock.html');
    } else {
      await driver.switchTo().window(extHandle);
    }
    try {
      return await driver.executeAsyncScript(
        `const done = arguments[arguments.length - 1];
         const fn = ${fn.toString()};
         Promise.resolve().then(() => fn(arguments[0])).then((v) => done({ ok: true, v }), (e) => done({ ok: false, e: String(e) }));`,
        arg ?? null,
      ).then((r) => {
        if (!r.ok) throw new Error(r.e);
        return r.v;
      });
    } finally {
      await driver.switchTo().window(mainHandle);
    }
  }

  /** WebDriver may not open moz-extension:// itself: go there from a loopback page, through
   * the web-accessible dock.html, in the current tab. */
  async function navigateToExtensionPage(file) {
    await driver.get(`${crmOrigin}/pages/blank.html`);
    await driver.executeScript((url) => (location.href = url), `${extensionOrigin}/dock.html`);
    await driver.wait(async () => (await driver.getCurrentUrl()).startsWith(extensionOrigin), 10000);
    if (file !== 'dock.html') {
      await driver.executeScript((url) => (location.href = url), `${extensionOrigin}/${file}`);
      await driver.wait(async () => (await driver.getCurrentUrl()).endsWith(file), 10000);
    }
    // The address changes before the extension page's document is there (seen in the first
    // call after Firefox starts: a script then found no extension API): wait for it.
    await driver.wait(
      () => driver.executeScript('return document.readyState === "complete" && typeof (globalThis.browser ?? globalThis.chrome)?.runtime?.id === "string"').catch(() => false),
      10000,
    );
  }

  /** Another tab, driven from the main one: each call switches there and back. */
  /** The mouse moved to a point of the viewport, and clicked there with `click`. */
  async function pointerAt(x, y, click) {
    const { Origin } = require('selenium-webdriver/lib/input');
    const actions = driver.actions().move({ x: Math.round(x), y: Math.round(y), origin: Origin.VIEWPORT });
    await (click ? actions.click() : actions).perform();
  }

  function tabHandle(handle) {
    const within = async (fn) => {
      await driver.switchTo().window(handle);
      try {
        return await fn();
      } finally {
        await driver.switchTo().window(mainHandle);
      }
    };
    return {
      within,
      evaluate: (fn, arg) => within(() => driver.executeScript(`return (${fn.toString()})(arguments[0]);`, arg ?? null)),
      click: (selector) => within(() => clickThroughShadow(selector)),
      clickAt: (x, y) => within(() => pointerAt(x, y, true)),
      setFile: (selector, file) => within(async () => (await driver.findElement(By.css(selector))).sendKeys(file)),
      close: () => within(() => driver.close()),
    };
  }

  /** A trusted click; ' >> ' steps into an open shadow root, as in Playwright. */
  async function clickThroughShadow(selector) {
    const parts = selector.split(' >> ');
    let scope = driver;
    for (const part of parts.slice(0, -1)) scope = await (await scope.findElement(By.css(part))).getShadowRoot();
    await (await scope.findElement(By.css(parts[parts.length - 1]))).click();
  }

  // The dock frame sits in a closed shadow root inside the dock's open one: WebDriver reaches
  // both (page script reaches neither the frame nor its window).
  const DOCK_FRAME_PATH = '[data-mycc-dock] >> .panel >> iframe';

  /** Runs `fn` switched into the frame `frameSelector` (' >> ' steps into shadow roots), then back. */
  async function withFrame(frameSelector, fn) {
    const parts = frameSelector.split(' >> ');
    let scope = driver;
    for (const part of parts.slice(0, -1)) scope = await (await scope.findElement(By.css(part))).getShadowRoot();
    await driver.switchTo().frame(await scope.findElement(By.css(parts[parts.length - 1])));
    try {
      return await fn();
    } finally {
      await driver.switchTo().defaultContent();
    }
  }
  /**
   * The WebPhone's own frame (`#phone iframe`), inside the frame `framePath` (the dock frame of a
   * CRM page) or, without one, in the page itself (the side panel page).
   */
  const phoneIn = (framePath, within = (fn) => fn()) => {
    const inPhone = (fn) =>
      within(async () => {
        const enter = async () => {
          await driver.switchTo().frame(await driver.findElement(By.css('#phone iframe')));
          try {
            return await fn();
          } finally {
            await driver.switchTo().defaultContent();
          }
        };
        return framePath ? withFrame(framePath, enter) : enter();
      });
    return {
      phoneFill: (selector, text) =>
        inPhone(async () => {
          const field = await driver.findElement(By.css(selector));
          await field.clear();
          await field.sendKeys(text);
        }),
      phoneClick: (selector) => inPhone(async () => (await driver.findElement(By.css(selector))).click()),
      // Not visible, rather than an error, while the frame is not there yet: callers wait on it.
      phoneVisible: (selector) =>
        inPhone(async () => {
          const found = await driver.findElements(By.css(selector));
          return found.length > 0 && found[0].isDisplayed();
        }).catch((error) => {
          if (['NoSuchElementError', 'NoSuchFrameError', 'StaleElementReferenceError'].includes(error?.name)) return false;
          throw error;
        }),
    };
  };
  const frameText = (frameSelector, selector) => withFrame(frameSelector, async () => (await driver.findElement(By.css(selector))).getText());
  // Not visible, rather than an error, while the frame (or the dock holding it) is not there yet:
  // callers wait on it.
  const frameVisible = (frameSelector, selector) =>
    withFrame(frameSelector, async () => {
      const found = await driver.findElements(By.css(selector));
      return found.length > 0 && found[0].isDisplayed();
    }).catch((error) => {
      if (error?.name === 'NoSuchElementError' || error?.name === 'NoSuchFrameError') return false;
      throw error;
    });

  return {
    name: 'firefox',
    extensionOrigin,
    get driver() {
      return driver;
    },
    /**
     * Quits Firefox and starts it again on the same profile, the add-on installed again (its
     * UUID is fixed by the pref): every tab is gone, storage.session too; policies.json is read.
     */
    async restart() {
      await driver.quit();
      await start();
      // The add-on just installed again may not have its APIs in its pages yet (seen once: a
      // moz-extension page without `browser`): wait until one answers.
      const deadline = Date.now() + 15000;
      for (;;) {
        try {
          if (await inExtension(async () => Boolean((globalThis.browser ?? globalThis.chrome)?.storage))) return;
          throw new Error('no extension API in its page');
        } catch (error) {
          await driver.switchTo().window(mainHandle).catch(() => undefined);
          if (Date.now() > deadline) throw new Error(`the extension did not answer after the restart: ${error.message}`);
          if (extHandle && (await driver.getAllWindowHandles()).includes(extHandle)) {
            await driver.switchTo().window(extHandle);
            await driver.close();
            await driver.switchTo().window(mainHandle);
          }
          extHandle = null;
          await pause(POLL_MS);
        }
      }
    },
    async goto(url) {
      await driver.switchTo().window(mainHandle);
      await driver.get(url);
    },
    evaluate: (fn, arg) => driver.executeScript(`return (${fn.toString()})(arguments[0]);`, arg ?? null),
    click: (selector) => clickThroughShadow(selector),
    clickAt: (x, y) => pointerAt(x, y, true),
    hover: (x, y) => pointerAt(x, y, false),
    async drag(from, to) {
      const { Origin } = require('selenium-webdriver/lib/input');
      const at = ([x, y]) => ({ x: Math.round(x), y: Math.round(y), origin: Origin.VIEWPORT });
      await driver.actions().move(at(from)).press().move({ ...at(to), duration: 100 }).release().perform();
    },
    async press(key, modifiers = []) {
      const { Key } = require('selenium-webdriver');
      const keys = {
        Alt: Key.ALT, Shift: Key.SHIFT, Control: Key.CONTROL, Escape: Key.ESCAPE, Enter: Key.ENTER, Tab: Key.TAB,
        ArrowUp: Key.ARROW_UP, ArrowDown: Key.ARROW_DOWN, ArrowLeft: Key.ARROW_LEFT, ArrowRight: Key.ARROW_RIGHT,
      };
      let actions = driver.actions();
      for (const m of modifiers) actions = actions.keyDown(keys[m]);
      actions = actions.sendKeys(keys[key] ?? key);
      for (const m of [...modifiers].reverse()) actions = actions.keyUp(keys[m]);
      await actions.perform();
    },
    /** The window made as large as a viewport of width × height needs (what the page had is returned). */
    async resize(width, height) {
      const inner = await driver.executeScript('return { width: innerWidth, height: innerHeight };');
      const outer = await driver.manage().window().getRect();
      await driver.manage().window().setRect({ width: outer.width - inner.width + width, height: outer.height - inner.height + height });
      return inner;
    },
    clickInDock: (selector) => withFrame(DOCK_FRAME_PATH, () => driver.findElement(By.css(selector)).click()),
    dockText: (selector) => frameText(DOCK_FRAME_PATH, selector),
    dockVisible: (selector) => frameVisible(DOCK_FRAME_PATH, selector),
    ...phoneIn(DOCK_FRAME_PATH),
    frameText,
    frameVisible,
    async pressEnterOn(selector) {
      const { Key } = require('selenium-webdriver');
      const element = await driver.findElement(By.css(selector));
      await driver.executeScript('arguments[0].focus()', element);
      await driver.actions().sendKeys(Key.ENTER).perform();
    },
    extension: inExtension,
    /**
     * runtime.reload(), as an update does: the extension's pages close, the event page starts
     * anew; returns once a fresh extension page can use the extension's APIs again.
     */
    async reloadExtension() {
      // storage.session is emptied by a reload: a marker left there tells the old instance from the new.
      await inExtension(async () => {
        await browser.storage.session.set({ e2eBeforeReload: true });
        setTimeout(() => browser.runtime.reload(), 50);
        return true;
      });
      const deadline = Date.now() + 15000;
      for (;;) {
        try {
          // The reload closes the extension tab; inExtension() then opens a new one.
          if (await inExtension(async () => !(await browser.storage.session.get('e2eBeforeReload')).e2eBeforeReload)) break;
          throw new Error('still the instance from before the reload');
        } catch (error) {
          await driver.switchTo().window(mainHandle).catch(() => undefined);
          if (Date.now() > deadline) throw new Error(`the extension did not come back after runtime.reload(): ${error.message}`);
          // A tab left dead by the reload: close it, the next try opens a new one.
          if (!/still the instance/.test(error.message) && extHandle && (await driver.getAllWindowHandles()).includes(extHandle)) {
            await driver.switchTo().window(extHandle);
            await driver.close();
            await driver.switchTo().window(mainHandle);
            extHandle = null;
          }
          await pause(POLL_MS);
        }
      }
    },
    async pages() {
      const urls = [];
      const current = await driver.getWindowHandle();
      for (const h of await driver.getAllWindowHandles()) {
        if (h === extHandle) continue;
        await driver.switchTo().window(h);
        urls.push(await driver.getCurrentUrl());
      }
      await driver.switchTo().window(current);
      return urls;
    },
    async openExtensionPage(file) {
      await driver.switchTo().newWindow('tab');
      const handle = await driver.getWindowHandle();
      await navigateToExtensionPage(file);
      await driver.switchTo().window(mainHandle);
      const tab = tabHandle(handle);
      return { ...tab, ...phoneIn(null, tab.within) };
    },
    async gotoExtensionPage(file) {
      await driver.switchTo().window(mainHandle);
      await navigateToExtensionPage(file);
    },
    async fill(selector, text) {
      const el = await driver.findElement(By.css(selector));
      await el.clear();
      await el.sendKeys(text);
    },
    async setFile(selector, file) {
      await (await driver.findElement(By.css(selector))).sendKeys(file);
    },
    async selectValue(selector, value) {
      await (await driver.findElement(By.css(`${selector} option[value="${value}"]`))).click();
    },
    async newTab(url) {
      await driver.switchTo().newWindow('tab');
      const handle = await driver.getWindowHandle();
      await driver.get(url);
      await driver.switchTo().window(mainHandle);
      const tab = tabHandle(handle);
      const DOCK_FRAME = DOCK_FRAME_PATH;
      return {
        ...tab,
        clickInDock: (selector) => tab.within(() => withFrame(DOCK_FRAME, () => driver.findElement(By.css(selector)).click())),
        dockText: (selector) => tab.within(() => frameText(DOCK_FRAME, selector)),
        dockVisible: (selector) => tab.within(() => frameVisible(DOCK_FRAME, selector)),
        ...phoneIn(DOCK_FRAME, tab.within),
      };
    },
    front: () => driver.switchTo().window(mainHandle),
    async closeOtherTabs() {
      for (const h of await driver.getAllWindowHandles()) {
        if (h === mainHandle || h === extHandle) continue;
        await driver.switchTo().window(h);
        await driver.close();
      }
      await driver.switchTo().window(mainHandle);
    },
    /** axe-core's violations in the page ('page') or in its dock frame ('dock'). */
    async axe(where, { include = null, options = {} } = {}) {
      const run = async () => {
        // WebDriver's scripts are not subject to the page's CSP.
        if (!(await driver.executeScript('return typeof window.axe === "object"'))) await driver.executeScript(AXE_SOURCE);
        const result = await driver.executeAsyncScript(
          `const done = arguments[arguments.length - 1];
           (${axeVerdict.toString()})(arguments[0]).then((v) => done({ ok: true, v }), (e) => done({ ok: false, e: String(e) }));`,
          { include, options },
        );
        if (!result.ok) throw new Error(result.e);
        return result.v;
      };
      return where === 'dock' ? withFrame(DOCK_FRAME_PATH, run) : run();
    },
    /** prefers-color-scheme for every page, through the pref that overrides it for content. */
    async colorScheme(scheme) {
      const { Context } = require('selenium-webdriver/firefox');
      await driver.setContext(Context.CHROME);
      try {
        // 0 dark, 1 light (the values of layout.css.prefers-color-scheme.content-override).
        await driver.executeScript(`Services.prefs.setIntPref('layout.css.prefers-color-scheme.content-override', ${scheme === 'dark' ? 0 : 1});`);
      } finally {
        await driver.setContext(Context.CONTENT);
      }
    },
    async screenshot(file) {
      fs.writeFileSync(file, Buffer.from(await driver.takeScreenshot(), 'base64'));
    },
    until,
    async close() {
      await driver.quit();
      fs.rmSync(profileDir, { recursive: true, force: true });
    },
  };
}

module.exports = { chromium, firefox };

'use strict';
// Marking numbers without touching the page (issue 14): the framework suite, built from the
// real npm packages (tests/frameworks/), and calling a marked number by click, hint mode and
// the dock's list. Written once, run in Chromium and Firefox (see ../suite.js).
const assert = require('node:assert/strict');
const {
  waitUntil, standin, receivedAtStandin, settingsFor, configure, openCrmPage, markedNumbers, numberAt, numbersInDock, openHints,
} = require('../helpers.js');

/** Waits until exactly `expected` (texts, in page order) is marked. */
async function marked(driver, expected, options = {}) {
  let now = null;
  try {
    return await waitUntil(async () => {
      now = await markedNumbers(driver, options);
      return JSON.stringify(now) === JSON.stringify(expected) && now;
    }, { what: `marked: ${expected.join(', ')}`, timeout: 10000 });
  } catch (error) {
    error.message += `; marked: ${JSON.stringify(now)}`;
    throw error;
  }
}

/** Waits until the stand-in has received exactly these dial strings, and no other. */
async function dialled(sc, targets) {
  const received = await receivedAtStandin(sc, targets.length, `${targets.join(', ')} at the stand-in`);
  assert.deepEqual(received.map((r) => r.message.data.target), targets);
}

/** tests/pages/marks.html, its four numbers marked; returns the stand-in's control. */
async function marksPage(driver, env, { phoneReady = true } = {}) {
  await configure(driver, settingsFor(env, { popOn: 'never' }));
  await openCrmPage(driver, env, '/pages/marks.html', { phoneReady });
  await marked(driver, ['0982 861 121', '+84 912 345 678', '0933 456 789', '1900 54 54 54']);
  return standin(env);
}

/**
 * One framework page: marked right before and after the framework's own update, the
 * framework's text and order as its model says, its dock list's dial numbers, nothing in the
 * console, and a click dials.
 */
async function frameworkPage(driver, env, name) {
  const sc = standin(env);
  await configure(driver, settingsFor(env, { popOn: 'never' }));
  await openCrmPage(driver, env, `/frameworks/${name}.html`);
  await waitUntil(() => driver.evaluate(() => window.fw?.done === true), { what: `the ${name} page rendered` });
  const model = () => driver.evaluate(() => window.fw.model());
  const extra = name === 'lit' ? ['0911 222 333'] : []; // the Lit page's light DOM holds one more
  const first = await model();
  await marked(driver, [...extra, ...first.map((c) => c.phone)]);
  await driver.evaluate(() => window.fw.update() ?? true);
  const next = await model();
  await marked(driver, [...extra, ...next.map((c) => c.phone)]);
  const text = await driver.evaluate(() => ({
    page: window.fw.renderedText ? window.fw.renderedText() : document.getElementById('app').textContent,
    model: window.fw.expectedText(),
  }));
  assert.equal(text.page, text.model, "the framework's own text and order, as its model says");
  assert.deepEqual(
    (await numbersInDock(driver)).filter(([t]) => !extra.includes(t)),
    next.map((c) => [c.phone, c.e164]),
    'each marked number dials its own E.164',
  );
  await sc.clear();
  await driver.clickAt(...(await numberAt(driver, next[1].phone)));
  await dialled(sc, ['0912345678']);
  assert.deepEqual(await driver.evaluate(() => window.fwConsole), [], 'no hydration warning or error in the console');
}

const SCENARIOS = {
  'frameworks: React 19 server-rendered and hydrated (hydrateRoot) after marking': (driver, env) => frameworkPage(driver, env, 'react'),
  'frameworks: Vue 3 server-rendered and hydrated (createSSRApp) after marking': (driver, env) => frameworkPage(driver, env, 'vue'),
  'frameworks: Preact inserts a sibling after a marked number in its place': (driver, env) => frameworkPage(driver, env, 'preact'),
  'frameworks: Svelte 5 updates a marked text node in place': (driver, env) => frameworkPage(driver, env, 'svelte'),
  'frameworks: Lit components defined late, nested shadow roots, hosts inserted directly': async (driver, env) => {
    await frameworkPage(driver, env, 'lit');
    const sheets = await driver.evaluate(() =>
      [...document.querySelectorAll('#inserted > contact-card')].map((card) =>
        card.shadowRoot.adoptedStyleSheets.some((s) => [...s.cssRules].some((r) => r.cssText.includes('::highlight(mycc-phone)')))),
    );
    assert.deepEqual(sheets, [true, true, true], "each shadow root that holds a number has the highlight's stylesheet");
  },

  async 'a trusted click on a marked number dials it; the page never sees that click; a selection does not dial'(driver, env) {
    const sc = await marksPage(driver, env);
    const served = await driver.evaluate(async () => {
      const page = new DOMParser().parseFromString(await (await fetch(location.href)).text(), 'text/html');
      return page.getElementById('card').innerHTML === document.getElementById('card').innerHTML;
    });
    assert.equal(served, true, "the page's DOM is exactly as served: nothing split, wrapped or added");
    await sc.clear();
    await driver.clickAt(...(await numberAt(driver, '0982 861 121')));
    await dialled(sc, ['0982861121']);
    assert.deepEqual(await driver.evaluate(() => window.pageClicks), [], "the page's own handlers did not run for that click");
    // Any other click is the page's.
    const plain = await driver.evaluate(() => {
      const r = document.getElementById('plain').getBoundingClientRect();
      return [r.left + 20, r.top + r.height / 2];
    });
    await driver.clickAt(...plain);
    await waitUntil(() => driver.evaluate(() => window.pageClicks.length === 2), { what: "the page's handlers to see a click on plain text" });
    // Selecting text across a number (a drag) dials nothing; the next click on a number does.
    const [x, y] = await numberAt(driver, '0933 456 789');
    await driver.drag([x - 80, y], [x + 40, y]);
    assert.equal(await driver.evaluate(() => getSelection().toString().length > 0), true, 'the drag selected text');
    await driver.clickAt(...(await numberAt(driver, '1900 54 54 54')));
    await dialled(sc, ['0982861121', '1900545454']);
  },

  async 'hint mode (the command\'s path) puts a letter on each number on screen, a letter calls, Esc leaves, a key of the page is the page\'s again'(driver, env) {
    const sc = await marksPage(driver, env);
    const url = `${env.crmOrigin}/pages/marks.html`;
    await sc.clear();
    assert.match(await openHints(driver, url), /^4 /, 'four numbers lettered');
    await driver.press('s'); // the second number on screen
    await dialled(sc, ['0912345678']);
    await openHints(driver, url);
    await driver.press('Escape');
    await driver.press('a'); // hint mode is over: a plain key, no call
    await openHints(driver, url);
    await driver.press('a');
    await dialled(sc, ['0912345678', '0982861121']);
  },

  async 'hint mode labels the numbers of a CRM iframe too, without two alike, and a label typed in either frame calls its number'(driver, env) {
    await configure(driver, settingsFor(env, { popOn: 'never' }));
    const url = `${env.crmOrigin}/pages/shadow.html`;
    await openCrmPage(driver, env, '/pages/shadow.html');
    await marked(driver, ['0982 861 121']);
    await marked(driver, ['0933 456 789'], { frame: '#inner' });
    const sc = standin(env);
    await sc.clear();
    // Focus in the top document: 'a' is its number, 's' the iframe's (page order: frames after it).
    assert.match(await openHints(driver, url), /^2 /, "the top document's number and the iframe's");
    await driver.press('s');
    await dialled(sc, ['0933456789']);
    // Focus in the iframe (a click on its plain text): the letter typed there calls the top's number.
    const inFrame = await driver.evaluate(() => {
      const frame = document.getElementById('inner');
      const text = frame.contentDocument.getElementById('inner-phone').firstChild;
      const range = frame.contentDocument.createRange();
      range.setStart(text, 0);
      range.setEnd(text, 5);
      const [outer, inner] = [frame.getBoundingClientRect(), range.getBoundingClientRect()];
      return [outer.left + frame.clientLeft + inner.left + inner.width / 2, outer.top + frame.clientTop + inner.top + inner.height / 2];
    });
    await driver.clickAt(...inFrame);
    await waitUntil(() => driver.evaluate(() => document.activeElement?.id === 'inner' && document.getElementById('inner').contentDocument.hasFocus()), { what: 'focus in the iframe' });
    await openHints(driver, url);
    assert.equal(await driver.evaluate(() => document.activeElement?.id), 'inner', 'hint mode left focus in the iframe');
    await driver.press('a');
    await dialled(sc, ['0933456789', '0982861121']);
  },

  async "the dock lists the page's numbers as buttons that dial"(driver, env) {
    const sc = await marksPage(driver, env);
    assert.deepEqual(await numbersInDock(driver), [
      ['0982 861 121', '+84982861121'],
      ['+84 912 345 678', '+84912345678'],
      ['0933 456 789', '+84933456789'],
      ['1900 54 54 54', '+841900545454'],
    ]);
    await sc.clear();
    await driver.click('[data-mycc-dock] >> [data-mycc-number="+84933456789"]');
    await dialled(sc, ['0933456789']);
  },

  async "the dock's numbers list holds its CRM iframes' numbers after the top document's, in the order of the iframes, and a click on one dials it"(driver, env) {
    const settings = settingsFor(env, { popOn: 'never' });
    settings.crms[0].sites.push(`${env.crm2Origin}/*`); // a CRM frame of another origin
    await configure(driver, settings);
    await openCrmPage(driver, env, '/pages/shadow.html');
    await marked(driver, ['0982 861 121']);
    await marked(driver, ['0933 456 789'], { frame: '#inner' });
    // Added last, placed first: the frames' own order (their ids) is not the page's.
    await driver.evaluate((src) => {
      const frame = document.createElement('iframe');
      frame.src = src;
      frame.style.height = '300px';
      document.getElementById('inner').before(frame);
      return true;
    }, `${env.crm2Origin}/pages/list.html`);
    const list = () => driver.evaluate(() => {
      const list = document.querySelector('[data-mycc-dock]').shadowRoot.querySelector('#mycc-numbers');
      return !list.hidden && [...list.querySelectorAll('[data-mycc-number]')].map((b) => [b.textContent, b.getAttribute('data-mycc-number')]);
    });
    const expected = [
      ['0982 861 121', '+84982861121'], // the top document's; list.html's copy of it is not listed again
      ['+84 912 345 678', '+84912345678'],
      ['(028) 3823 4567', '+842838234567'],
      ['0168 286 1121', '+84382861121'],
      ['1900 54 54 54', '+841900545454'],
      ['0933 456 789', '+84933456789'],
    ];
    let last = null;
    await waitUntil(async () => {
      // Opened again until the other origin's frame is marked: the list is read when it opens.
      if (await list()) await driver.click('[data-mycc-dock] >> [data-mycc-numbers]');
      await driver.click('[data-mycc-dock] >> [data-mycc-numbers]');
      last = await waitUntil(list, { what: 'the numbers list' });
      return JSON.stringify(last) === JSON.stringify(expected);
    }, { what: `the numbers list of every frame (last: ${JSON.stringify(last)})`, interval: 300 }).catch((error) => {
      error.message += `; listed: ${JSON.stringify(last)}`;
      throw error;
    });
    const sc = standin(env);
    await sc.clear();
    await driver.click('[data-mycc-dock] >> [data-mycc-number="+84933456789"]');
    await dialled(sc, ['0933456789']);
  },
};

const CHROMIUM_ONLY = {
  // The chip is in a closed shadow root: only the content script's own world can read it.
  // Chromium rebuilds every marked number's highlight marker after any change to the page's
  // elements or styles: a chip built of elements that follow the pointer made hovering a big
  // marked table stutter. The chip is drawn: hovering restyles and lays out nothing.
  async 'hovering a marked number shows a call chip with the number as it will be dialled, and restyles nothing'(driver, env) {
    await marksPage(driver, env); // the phone ready: the dock has nothing more to show
    const plain = await driver.evaluate(() => {
      const r = document.getElementById('plain').getBoundingClientRect();
      return [r.left + 20, r.top + r.height / 2];
    });
    const chipGone = () => waitUntil(async () => (await driver.inContentScript('myccPointer.chipText()')) === null, { what: 'the chip gone' });
    const places = [];
    for (const text of ['1900 54 54 54', '0982 861 121', '0933 456 789']) places.push(await numberAt(driver, text));
    await driver.hover(...plain); // the pointer comes into the page: that first hover is the page's
    const chips = [];
    const rendering = await driver.renderCounts(async () => {
      for (const place of places) {
        await driver.hover(...place);
        chips.push(await waitUntil(() => driver.inContentScript('myccPointer.chipText()'), { what: 'the call chip' }));
        await driver.hover(...plain);
        await chipGone();
      }
    });
    assert.deepEqual(chips.map((chip) => chip.replace(/^(Call|Gọi) /, '')), ['1900545454', '0982861121', '0933456789']);
    assert.match(chips[0], /^(Call|Gọi) /);
    assert.deepEqual(rendering, { styles: 0, layouts: 0 }, 'style recalculations and layouts while hovering');
  },
};

module.exports = { SCENARIOS, CHROMIUM_ONLY };

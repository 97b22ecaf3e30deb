'use strict';
// axe-core in the end-to-end suite: the rules run (WCAG 2.x A/AA and best practices), and a
// check that fails listing every violation. The drivers inject axe's source (driver.axe).
const assert = require('node:assert/strict');
const { waitUntil } = require('./helpers.js');

const OPTIONS = {
  runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
  // The dock frame holds the WebPhone (here its stand-in) in an iframe of another origin: its
  // content is the vendor's, not ours, so axe does not go into frames. Our frames are run on
  // their own (the dock frame in scenarios/a11y.js).
  iframes: false,
};

/** Fails listing each violation (rule, impact, summary, the nodes it is about) when axe found any. */
function assertNoViolations(violations, where) {
  const lines = violations.flatMap((v) => [
    `${v.id} (${v.impact}): ${v.help}`,
    ...v.nodes.map((n) => `    ${JSON.stringify(n.target)}: ${n.summary.replace(/\n\s*/g, ' ')}\n      ${n.html}`),
  ]);
  assert.equal(violations.length, 0, `axe found violations in ${where}:\n${lines.join('\n')}`);
}

/** Runs `check(scheme)` in the light colour scheme, then the dark one; always back to light. */
async function inBothSchemes(driver, check) {
  try {
    for (const scheme of ['light', 'dark']) {
      await driver.colorScheme(scheme);
      await check(scheme);
    }
  } finally {
    await driver.colorScheme('light');
  }
}

/** The colour scheme the page in `driver`'s main tab sees now. */
const pageScheme = (driver) => driver.evaluate(() => (matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light'));

async function axeInBothSchemes(driver, where, what, run = () => driver.axe(where, { options: OPTIONS })) {
  await inBothSchemes(driver, async (scheme) => {
    await waitUntil(async () => (await pageScheme(driver)) === scheme, { what: `the ${scheme} colour scheme` });
    assertNoViolations(await run(), `${what} (${scheme})`);
  });
}

module.exports = { OPTIONS, assertNoViolations, inBothSchemes, axeInBothSchemes };

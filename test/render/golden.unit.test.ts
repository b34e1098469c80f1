// Golden renders: representative replies drawn by both renderers, compared with the files in
// test/render/golden/. A change in what a reply says or how it is drawn fails here; after checking
// the diff, regenerate them with `npm run golden:update` (vitest's --update for this file).
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderBlockKit } from '../../src/render/block-kit.js';
import { renderTerminal } from '../../src/render/terminal.js';
import { GOLDEN_CASES } from './golden-cases.js';

const GOLDEN_DIR = fileURLToPath(new URL('./golden/', import.meta.url));
const names = Object.keys(GOLDEN_CASES);

describe('golden renders', () => {
  it.each(names)('%s: Block Kit and terminal text match their golden files', async (name) => {
    const reply = await GOLDEN_CASES[name]!();
    await expect(`${JSON.stringify(renderBlockKit(reply), null, 2)}\n`).toMatchFileSnapshot(
      `${GOLDEN_DIR}${name}.slack.json`,
    );
    await expect(`${renderTerminal(reply)}\n`).toMatchFileSnapshot(`${GOLDEN_DIR}${name}.terminal.txt`);
  });

  // A missing file is written by --update (and fails where CI is set); one no case draws is left over.
  it('keeps no golden file that no case draws', () => {
    const expected = new Set(names.flatMap((name) => [`${name}.slack.json`, `${name}.terminal.txt`]));
    expect(readdirSync(GOLDEN_DIR).filter((file) => !expected.has(file))).toEqual([]);
  });
});

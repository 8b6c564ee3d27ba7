/** The build's own guard: a custom function without its JSDoc must fail the build. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { verifyCustomFunctions, customFunctionNames } = require('../scripts/verify-bundle.cjs');

const good = `/**
 * Adds one. Example: =ADD1(A1)
 * @param {number} x A number.
 * @return {number} x + 1.
 * @customfunction
 */
function ADD1(x) {}`;

describe('verifyCustomFunctions', () => {
  it('accepts a documented stub', () => expect(verifyCustomFunctions(good, ['ADD1'])).toEqual([]));
  it('rejects a stub without JSDoc, without parameters, or a missing function', () => {
    expect(verifyCustomFunctions('function ADD1(x) {}', ['ADD1'])).toEqual(['ADD1: no JSDoc comment']);
    expect(verifyCustomFunctions(good.replace('function ADD1(x)', 'function ADD1()'), ['ADD1']).join()).toMatch(/no parameters/);
    expect(verifyCustomFunctions(good, ['ADD2']).join()).toMatch(/no top-level function declaration/);
  });
  it('rejects a JSDoc without @customfunction, @return, the example or with wrong @param names', () => {
    expect(verifyCustomFunctions(good.replace('@customfunction', ''), ['ADD1']).join()).toMatch(/lacks @customfunction/);
    expect(verifyCustomFunctions(good.replace('@return', '@note'), ['ADD1']).join()).toMatch(/lacks @return/);
    expect(verifyCustomFunctions(good.replace('Example: =ADD1(A1)', ''), ['ADD1']).join()).toMatch(/example formula/);
    expect(verifyCustomFunctions(good.replace('@param {number} x', '@param {number} y'), ['ADD1']).join()).toMatch(/do not match/);
  });
  it('refuses names Sheets cannot use', () => {
    expect(verifyCustomFunctions(good.replace(/ADD1/g, 'ADD1_'), ['ADD1_']).join()).toMatch(/does not end in "_"/);
  });
  it('the built dist/Code.js passes and lists all six functions', () => {
    const src = readFileSync(join(__dirname, '..', 'src', 'gas', 'custom-functions.ts'), 'utf8');
    const names = customFunctionNames(src);
    expect(names).toEqual(['NPS', 'LTV', 'LTV_SBG', 'LEADLAG', 'MRR_MOVEMENTS', 'ONBOARDING_RATE']);
    const code = readFileSync(join(__dirname, '..', 'dist', 'Code.js'), 'utf8');
    expect(verifyCustomFunctions(code, names)).toEqual([]);
  });
});

/**
 * `[MUST] the response echoes no credential` (auth-requirements.md: no response may echo back a
 * secret the request carried; OWASP Logging and Error Handling cheat sheets).
 *
 * It is the collection's test script, run by newman after every request of the collection
 * (cases, setup and teardown steps alike), rather than a copy in each item: one definition, the
 * same for every request, and an item cannot forget it. It needs nothing from the case: the
 * secrets are the environment's secret variables and the credentials read off the request as
 * sent (`pm.request` holds the resolved headers in a test script).
 *
 * A value counts when it is at least `MIN_ECHO_LENGTH` characters long (shorter ones would match
 * ordinary text). It is looked for in the status text, every response header (name and value)
 * and the body. The failure message names which secret and where, never the value. A request
 * that got no response has nothing to check.
 */
import { SECRET_VARIABLES } from '../cases/model.js';
import { CHECK_NAMES } from './checks.js';
import { js, wrapScript } from './js.js';
import { reportLines } from './script-report.js';

export const MIN_ECHO_LENGTH = 6;

export function echoCheckScript(): string[] {
  return wrapScript([
    ...reportLines(),
    '// No response (connection reset, timeout): nothing was echoed.',
    'if (!answered) return;',
    "const CryptoJS = require('crypto-js');",
    'const secrets = [];',
    `const add = (label, value) => { const v = String(value ?? '').trim(); if (v.length >= ${MIN_ECHO_LENGTH}) secrets.push([label, v]); };`,
    `${js(SECRET_VARIABLES)}.forEach((name) => add('the ' + name + ' variable', pm.variables.get(name)));`,
    'pm.request.headers.each((h) => {',
    '  if (h.disabled) return;',
    '  const name = String(h.key).toLowerCase();',
    "  const value = String(h.value ?? '').trim();",
    "  if (name === 'x-v3io-session-key') add('the ' + h.key + ' value', value);",
    "  if (name !== 'authorization' && name !== 'proxy-authorization') return;",
    '  const m = /^(\\S+)\\s+([\\s\\S]*)$/.exec(value);',
    '  if (!m) return;',
    "  add('the ' + h.key + ' credentials', m[2]);",
    '  if (!/^basic$/i.test(m[1])) return;',
    '  try {',
    '    const decoded = CryptoJS.enc.Base64.parse(m[2].trim()).toString(CryptoJS.enc.Utf8);',
    "    if (decoded.includes(':')) add('the password of the ' + h.key + ' Basic credentials', decoded.slice(decoded.indexOf(':') + 1));",
    '  } catch (e) { /* not Base64 of UTF-8: nothing decoded to look for */ }',
    '});',
    "const places = [['the status text', String(pm.response.status ?? '')]];",
    "pm.response.headers.each((h) => places.push(['header ' + h.key, h.key + ': ' + h.value]));",
    "places.push(['the body', pm.response.text()]);",
    "const echoed = [...new Set(secrets.flatMap((s) => places.filter((p) => p[1].includes(s[1])).map((p) => s[0] + ' in ' + p[0])))];",
    `pm.test(${js(CHECK_NAMES.noEcho)}, () => { if (echoed.length > 0) fail('no credential in the response (echoed: ' + echoed.join('; ') + ')'); });`,
  ]);
}

/**
 * The collection's test script: the judge's `no-echo` check (src/judge/checks.ts, rendered by
 * `echoCheckLines`), run by newman after every request of the collection (cases, setup and
 * teardown steps alike) rather than a copy in each item: one definition, the same for every
 * request, and an item cannot forget it.
 */
import { echoCheckLines } from '../judge/postman.js';
import { MIN_ECHO_LENGTH } from '../judge/wording.js';
import { wrapScript } from './js.js';
import { reportLines } from './script-report.js';

export { MIN_ECHO_LENGTH };

export function echoCheckScript(): string[] {
  return wrapScript([...reportLines(), ...echoCheckLines()]);
}

/** Parser of `--env-var <name>=<value>` (repeatable, like newman's): the pairs in the order given. */
import { InvalidArgumentError } from 'commander';

export function collectEnvVar(value: string, previous: readonly [string, string][] = []): [string, string][] {
  const equals = value.indexOf('=');
  const name = equals < 0 ? '' : value.slice(0, equals).trim();
  if (name === '') throw new InvalidArgumentError('expected <name>=<value>, e.g. container=bigdata');
  // Everything after the first "=" is the value: a password may contain "=".
  return [...previous, [name, value.slice(equals + 1)]];
}

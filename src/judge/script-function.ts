/**
 * A plain function as script lines: its own source, so that Node's judge and the collection's
 * scripts run one definition. Such a function refers to nothing outside its parameters (no import,
 * no module constant): what differs between Node and the Postman sandbox is passed in.
 */
export function functionLines(fn: (...args: never[]) => unknown): string[] {
  const source = String(fn);
  if (!source.startsWith('function ')) throw new Error(`not a function declaration: ${source.slice(0, 40)}`);
  return source.split('\n');
}

/**
 * The subset of V3IO update expressions the reference applies, e.g.
 * `SET note = 'x'; SET count = count + 1; hits = if_not_exists(hits, 0) + 1; REMOVE old`.
 *
 *   expression := [clause] (';' [clause])*
 *   clause     := ['SET'] name ['[' value ']'] '=' value | 'REMOVE' name (',' name)*
 *   value      := product (('+' | '-') product)*
 *   product    := term ('*' term)*
 *   term       := name ['[' value ']'] | number | 'string' | TRUE | FALSE | '(' value ')'
 *               | '-' term | 'if_not_exists' '(' name ',' value ')'
 *
 * `a[i]` is element i of the numeric array in the blob attribute a (attribute-array.ts; v3io-py's
 * tests update `list_with_ints[1]=list_with_ints[1]*2`).
 *
 * Clauses apply in order, each to the result of the previous one. Referring to an attribute the
 * item does not have, an element past the end, or arithmetic on anything but numbers, is an
 * error (400): V3IO stops there too. An empty expression changes nothing (the item is still
 * created).
 */
import { decodeArray, encodeArray, type NumericArray } from './attribute-array.js';
import { addNumbers, multiplyNumbers } from './attributes.js';
import { decodeStrictBase64 } from './base64.js';
import { ExpressionError, TokenStream, tokenize } from './expression-lexer.js';
import type { AttributeValue, Attributes } from './store.js';

type Value =
  | { readonly kind: 'literal'; readonly value: AttributeValue }
  | { readonly kind: 'attribute'; readonly name: string }
  | { readonly kind: 'negate'; readonly operand: Value }
  | { readonly kind: 'element'; readonly name: string; readonly index: Value }
  | { readonly kind: 'arithmetic'; readonly sign: 1 | -1; readonly left: Value; readonly right: Value }
  | { readonly kind: 'product'; readonly left: Value; readonly right: Value }
  | { readonly kind: 'if-not-exists'; readonly name: string; readonly fallback: Value };

export type UpdateAction =
  | { readonly kind: 'set'; readonly name: string; readonly value: Value }
  | { readonly kind: 'set-element'; readonly name: string; readonly index: Value; readonly value: Value }
  | { readonly kind: 'remove'; readonly name: string };

/** Parses an update expression into its actions; throws ExpressionError. */
export function parseUpdate(source: string): UpdateAction[] {
  const tokens = new TokenStream(tokenize(source));
  const actions: UpdateAction[] = [];
  while (!tokens.atEnd()) {
    if (tokens.acceptOperator(';')) continue;
    if (tokens.acceptKeyword('REMOVE')) {
      do actions.push({ kind: 'remove', name: tokens.expectName() });
      while (tokens.acceptOperator(','));
    } else {
      tokens.acceptKeyword('SET');
      const name = tokens.expectName();
      const index = parseIndex(tokens);
      tokens.expectOperator('=');
      const value = parseValue(tokens);
      actions.push(index ? { kind: 'set-element', name, index, value } : { kind: 'set', name, value });
    }
    if (!tokens.atEnd()) tokens.expectOperator(';');
  }
  return actions;
}

/** `[value]` after a name, if there is one. */
function parseIndex(tokens: TokenStream): Value | undefined {
  if (!tokens.acceptOperator('[')) return undefined;
  const index = parseValue(tokens);
  tokens.expectOperator(']');
  return index;
}

function parseValue(tokens: TokenStream): Value {
  let left = parseProduct(tokens);
  for (;;) {
    if (tokens.acceptOperator('+')) left = { kind: 'arithmetic', sign: 1, left, right: parseProduct(tokens) };
    else if (tokens.acceptOperator('-')) left = { kind: 'arithmetic', sign: -1, left, right: parseProduct(tokens) };
    else return left;
  }
}

function parseProduct(tokens: TokenStream): Value {
  let left = parseTerm(tokens);
  while (tokens.acceptOperator('*')) left = { kind: 'product', left, right: parseTerm(tokens) };
  return left;
}

function parseTerm(tokens: TokenStream): Value {
  if (tokens.acceptOperator('-')) return { kind: 'negate', operand: parseTerm(tokens) };
  if (tokens.acceptOperator('(')) {
    const inner = parseValue(tokens);
    tokens.expectOperator(')');
    return inner;
  }
  const token = tokens.next();
  switch (token.kind) {
    case 'number':
      return { kind: 'literal', value: { N: token.text } };
    case 'string':
      return { kind: 'literal', value: { S: token.text } };
    case 'operator':
      throw new ExpressionError(`unexpected "${token.text}"`);
    case 'name': {
      const upper = token.text.toUpperCase();
      if (upper === 'TRUE' || upper === 'FALSE') return { kind: 'literal', value: { BOOL: upper === 'TRUE' } };
      if (token.text.toLowerCase() === 'if_not_exists' && tokens.acceptOperator('(')) {
        const name = tokens.expectName();
        tokens.expectOperator(',');
        const fallback = parseValue(tokens);
        tokens.expectOperator(')');
        return { kind: 'if-not-exists', name, fallback };
      }
      const index = parseIndex(tokens);
      return index ? { kind: 'element', name: token.text, index } : { kind: 'attribute', name: token.text };
    }
  }
}

/** The attributes after the actions; throws ExpressionError. */
export function applyUpdate(actions: readonly UpdateAction[], attributes: Attributes): Attributes {
  const result: Record<string, AttributeValue> = { ...attributes };
  for (const action of actions) {
    if (action.kind === 'remove') delete result[action.name];
    else if (action.kind === 'set') result[action.name] = evaluate(action.value, result);
    else result[action.name] = withElement(result, action.name, evaluate(action.index, result), evaluate(action.value, result));
  }
  return result;
}

function evaluate(value: Value, attributes: Readonly<Record<string, AttributeValue>>): AttributeValue {
  switch (value.kind) {
    case 'literal':
      return value.value;
    case 'attribute': {
      const found = Object.hasOwn(attributes, value.name) ? attributes[value.name] : undefined;
      if (found === undefined) throw new ExpressionError(`the item has no attribute "${value.name}"`);
      return found;
    }
    case 'element': {
      const array = arrayAttribute(attributes, value.name);
      return { N: array.values[elementIndex(array, evaluate(value.index, attributes))]! };
    }
    case 'product': {
      const [left, right] = [evaluate(value.left, attributes), evaluate(value.right, attributes)];
      if (!('N' in left) || !('N' in right)) throw new ExpressionError('arithmetic on a value that is not a number');
      const result = multiplyNumbers(left.N, right.N);
      if (result === undefined) throw new ExpressionError('the result is not a finite number');
      return { N: result };
    }
    case 'if-not-exists':
      return Object.hasOwn(attributes, value.name) ? attributes[value.name]! : evaluate(value.fallback, attributes);
    case 'negate':
      return { N: arithmetic('0', evaluate(value.operand, attributes), -1) };
    case 'arithmetic': {
      const left = evaluate(value.left, attributes);
      if (!('N' in left)) throw new ExpressionError('arithmetic on a value that is not a number');
      return { N: arithmetic(left.N, evaluate(value.right, attributes), value.sign) };
    }
  }
}

function arithmetic(left: string, right: AttributeValue, sign: 1 | -1): string {
  if (!('N' in right)) throw new ExpressionError('arithmetic on a value that is not a number');
  const result = addNumbers(left, right.N, sign);
  if (result === undefined) throw new ExpressionError('the result is not a finite number');
  return result;
}

/** The numeric array in a blob attribute; an error for a missing attribute or another value. */
function arrayAttribute(attributes: Readonly<Record<string, AttributeValue>>, name: string): NumericArray {
  const found = Object.hasOwn(attributes, name) ? attributes[name] : undefined;
  const bytes = found && 'B' in found ? decodeStrictBase64(found.B) : undefined;
  const array = bytes ? decodeArray(bytes) : undefined;
  if (!array) throw new ExpressionError(`the item has no array attribute "${name}"`);
  return array;
}

function elementIndex(array: NumericArray, index: AttributeValue): number {
  if (!('N' in index) || !/^[0-9]+$/.test(index.N) || Number(index.N) >= array.values.length) throw new ExpressionError('an index outside the array');
  return Number(index.N);
}

/** The blob attribute with element `index` of its array set to `value`. */
function withElement(attributes: Readonly<Record<string, AttributeValue>>, name: string, index: AttributeValue, value: AttributeValue): AttributeValue {
  const array = arrayAttribute(attributes, name);
  if (!('N' in value)) throw new ExpressionError('an array element is a number');
  const values = [...array.values];
  values[elementIndex(array, index)] = value.N;
  const bytes = encodeArray({ kind: array.kind, values });
  if (!bytes) throw new ExpressionError(`the value does not fit an ${array.kind} array`);
  return { B: bytes.toString('base64') };
}

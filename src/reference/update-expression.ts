/**
 * The subset of V3IO update expressions the reference applies, e.g.
 * `SET note = 'x'; SET count = count + 1; hits = if_not_exists(hits, 0) + 1; REMOVE old`.
 *
 *   expression := [clause] (';' [clause])*
 *   clause     := ['SET'] name '=' value | 'REMOVE' name (',' name)*
 *   value      := term (('+' | '-') term)*
 *   term       := name | number | 'string' | TRUE | FALSE | '(' value ')'
 *               | '-' term | 'if_not_exists' '(' name ',' value ')'
 *
 * Clauses apply in order, each to the result of the previous one. Referring to an attribute the
 * item does not have, or adding anything but numbers, is an error (400): V3IO stops there too.
 * An empty expression changes nothing (the item is still created).
 */
import { addNumbers } from './attributes.js';
import { ExpressionError, TokenStream, tokenize } from './expression-lexer.js';
import type { AttributeValue, Attributes } from './store.js';

type Value =
  | { readonly kind: 'literal'; readonly value: AttributeValue }
  | { readonly kind: 'attribute'; readonly name: string }
  | { readonly kind: 'negate'; readonly operand: Value }
  | { readonly kind: 'arithmetic'; readonly sign: 1 | -1; readonly left: Value; readonly right: Value }
  | { readonly kind: 'if-not-exists'; readonly name: string; readonly fallback: Value };

export type UpdateAction = { readonly kind: 'set'; readonly name: string; readonly value: Value } | { readonly kind: 'remove'; readonly name: string };

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
      tokens.expectOperator('=');
      actions.push({ kind: 'set', name, value: parseValue(tokens) });
    }
    if (!tokens.atEnd()) tokens.expectOperator(';');
  }
  return actions;
}

function parseValue(tokens: TokenStream): Value {
  let left = parseTerm(tokens);
  for (;;) {
    if (tokens.acceptOperator('+')) left = { kind: 'arithmetic', sign: 1, left, right: parseTerm(tokens) };
    else if (tokens.acceptOperator('-')) left = { kind: 'arithmetic', sign: -1, left, right: parseTerm(tokens) };
    else return left;
  }
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
      return { kind: 'attribute', name: token.text };
    }
  }
}

/** The attributes after the actions; throws ExpressionError. */
export function applyUpdate(actions: readonly UpdateAction[], attributes: Attributes): Attributes {
  const result: Record<string, AttributeValue> = { ...attributes };
  for (const action of actions) {
    if (action.kind === 'remove') delete result[action.name];
    else result[action.name] = evaluate(action.value, result);
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

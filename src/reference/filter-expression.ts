/**
 * The subset of V3IO filter (and condition) expressions the reference evaluates: comparisons of
 * attributes and literals, joined with AND, OR, NOT and parentheses, e.g.
 * `count >= 2 and (note = 'x' or flag == true)`.
 *
 *   expression := or
 *   or         := and ('OR' and)*
 *   and        := unary ('AND' unary)*
 *   unary      := 'NOT' unary | '(' expression ')' | comparison | 'TRUE' | 'FALSE'
 *   comparison := operand ('='|'=='|'!='|'<>'|'<'|'<='|'>'|'>=') operand
 *   operand    := name | ['-'] number | 'string' | "string" | TRUE | FALSE
 *
 * Keywords in any letter case. As in V3IO, a comparison that refers to an attribute the item does
 * not have is false (whatever the operator); so is one of values of different types. Numbers
 * compare as numbers, strings by UTF-16 code units, timestamps in time order, booleans and blobs
 * only for (in)equality.
 */
import { compareNumbers, compareTimestamps } from './attributes.js';
import { ExpressionError, TokenStream, tokenize } from './expression-lexer.js';
import type { AttributeValue, Attributes } from './store.js';

type Operand = { readonly kind: 'attribute'; readonly name: string } | { readonly kind: 'literal'; readonly value: AttributeValue };
type Comparator = '=' | '!=' | '<' | '<=' | '>' | '>=';

export type Filter =
  | { readonly kind: 'constant'; readonly value: boolean }
  | { readonly kind: 'not'; readonly operand: Filter }
  | { readonly kind: 'and' | 'or'; readonly left: Filter; readonly right: Filter }
  | { readonly kind: 'compare'; readonly comparator: Comparator; readonly left: Operand; readonly right: Operand };

const COMPARATORS: Readonly<Record<string, Comparator>> = { '=': '=', '==': '=', '!=': '!=', '<>': '!=', '<': '<', '<=': '<=', '>': '>', '>=': '>=' };

/** Parses a filter; throws ExpressionError. */
export function parseFilter(source: string): Filter {
  const tokens = new TokenStream(tokenize(source));
  const filter = parseOr(tokens);
  if (!tokens.atEnd()) throw new ExpressionError('unexpected text after the expression');
  return filter;
}

function parseOr(tokens: TokenStream): Filter {
  let left = parseAnd(tokens);
  while (tokens.acceptKeyword('OR')) left = { kind: 'or', left, right: parseAnd(tokens) };
  return left;
}

function parseAnd(tokens: TokenStream): Filter {
  let left = parseUnary(tokens);
  while (tokens.acceptKeyword('AND')) left = { kind: 'and', left, right: parseUnary(tokens) };
  return left;
}

function parseUnary(tokens: TokenStream): Filter {
  if (tokens.acceptKeyword('NOT')) return { kind: 'not', operand: parseUnary(tokens) };
  if (tokens.acceptOperator('(')) {
    const inner = parseOr(tokens);
    tokens.expectOperator(')');
    return inner;
  }
  const left = parseOperand(tokens);
  const next = tokens.peek();
  const comparator = next?.kind === 'operator' ? COMPARATORS[next.text] : undefined;
  if (comparator === undefined) {
    // A bare TRUE or FALSE is a condition of its own.
    if (left.kind === 'literal' && 'BOOL' in left.value) return { kind: 'constant', value: left.value.BOOL };
    throw new ExpressionError('expected a comparison operator');
  }
  tokens.next();
  return { kind: 'compare', comparator, left, right: parseOperand(tokens) };
}

function parseOperand(tokens: TokenStream): Operand {
  const negative = tokens.acceptOperator('-');
  const token = tokens.next();
  if (token.kind === 'number') return { kind: 'literal', value: { N: negative ? `-${token.text}` : token.text } };
  if (negative) throw new ExpressionError('expected a number after "-"');
  if (token.kind === 'string') return { kind: 'literal', value: { S: token.text } };
  if (token.kind === 'name') {
    const upper = token.text.toUpperCase();
    if (upper === 'TRUE' || upper === 'FALSE') return { kind: 'literal', value: { BOOL: upper === 'TRUE' } };
    return { kind: 'attribute', name: token.text };
  }
  throw new ExpressionError(`unexpected "${token.text}"`);
}

/** Whether an item with these attributes passes the filter. */
export function matches(filter: Filter, attributes: Attributes): boolean {
  switch (filter.kind) {
    case 'constant':
      return filter.value;
    case 'not':
      return !matches(filter.operand, attributes);
    case 'and':
      return matches(filter.left, attributes) && matches(filter.right, attributes);
    case 'or':
      return matches(filter.left, attributes) || matches(filter.right, attributes);
    case 'compare': {
      const left = resolve(filter.left, attributes);
      const right = resolve(filter.right, attributes);
      return left !== undefined && right !== undefined && compare(filter.comparator, left, right);
    }
  }
}

function resolve(operand: Operand, attributes: Attributes): AttributeValue | undefined {
  return operand.kind === 'literal' ? operand.value : Object.hasOwn(attributes, operand.name) ? attributes[operand.name] : undefined;
}

function compare(comparator: Comparator, left: AttributeValue, right: AttributeValue): boolean {
  const order = ordering(left, right);
  if (order === undefined) return false;
  if (order === 'unordered') return comparator === '=' ? false : comparator === '!=';
  switch (comparator) {
    case '=':
      return order === 0;
    case '!=':
      return order !== 0;
    case '<':
      return order < 0;
    case '<=':
      return order <= 0;
    case '>':
      return order > 0;
    case '>=':
      return order >= 0;
  }
}

/**
 * How two values compare: -1, 0, 1; `unordered` for different booleans or blobs (only `!=`
 * holds); `undefined` for values of different types (nothing holds).
 */
function ordering(left: AttributeValue, right: AttributeValue): -1 | 0 | 1 | 'unordered' | undefined {
  if ('N' in left && 'N' in right) return compareNumbers(left.N, right.N);
  if ('S' in left && 'S' in right) return left.S < right.S ? -1 : left.S > right.S ? 1 : 0;
  if ('TS' in left && 'TS' in right) return compareTimestamps(left.TS, right.TS);
  if ('BOOL' in left && 'BOOL' in right) return left.BOOL === right.BOOL ? 0 : 'unordered';
  if ('B' in left && 'B' in right) return left.B === right.B ? 0 : 'unordered';
  return undefined;
}

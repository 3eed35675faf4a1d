/**
 * Tokens of the V3IO expression languages the reference implements (update and filter
 * expressions): names, unsigned numbers, quoted strings and operators. Keywords (SET, AND, ...)
 * are names; the parsers recognise them case-insensitively.
 */

export type Token =
  | { readonly kind: 'name'; readonly text: string }
  | { readonly kind: 'number'; readonly text: string }
  | { readonly kind: 'string'; readonly text: string }
  | { readonly kind: 'operator'; readonly text: string };

/** A syntax or evaluation error in an expression: the request is answered 400. */
export class ExpressionError extends Error {}

const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;
const NUMBER = /[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?/y;
// Longest first, so that `<=` is not read as `<` then `=`.
const OPERATORS = ['==', '!=', '<>', '<=', '>=', '=', '<', '>', '(', ')', '[', ']', ',', ';', '+', '-', '*'] as const;

export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  while (at < source.length) {
    const char = source[at]!;
    if (/\s/.test(char)) {
      at += 1;
      continue;
    }
    if (char === "'" || char === '"') {
      // No escapes: a string ends at the next quote of its kind.
      const end = source.indexOf(char, at + 1);
      if (end < 0) throw new ExpressionError(`unterminated string at ${at}`);
      tokens.push({ kind: 'string', text: source.slice(at + 1, end) });
      at = end + 1;
      continue;
    }
    const matched = match(NAME, source, at) ?? match(NUMBER, source, at);
    if (matched !== undefined) {
      tokens.push({ kind: /[0-9]/.test(char) ? 'number' : 'name', text: matched });
      at += matched.length;
      continue;
    }
    const operator = OPERATORS.find((op) => source.startsWith(op, at));
    if (operator === undefined) throw new ExpressionError(`unexpected "${char}" at ${at}`);
    tokens.push({ kind: 'operator', text: operator });
    at += operator.length;
  }
  return tokens;
}

function match(pattern: RegExp, source: string, at: number): string | undefined {
  pattern.lastIndex = at;
  return pattern.exec(source)?.[0];
}

/** A cursor over tokens with the helpers both parsers use. */
export class TokenStream {
  private index = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  peek(): Token | undefined {
    return this.tokens[this.index];
  }

  next(): Token {
    const token = this.tokens[this.index];
    if (!token) throw new ExpressionError('unexpected end of expression');
    this.index += 1;
    return token;
  }

  atEnd(): boolean {
    return this.index >= this.tokens.length;
  }

  /** Whether the next token is the operator `text`; consumes it if so. */
  acceptOperator(text: string): boolean {
    const token = this.peek();
    if (token?.kind === 'operator' && token.text === text) {
      this.index += 1;
      return true;
    }
    return false;
  }

  /** Whether the next token is the keyword `word` (any letter case); consumes it if so. */
  acceptKeyword(word: string): boolean {
    const token = this.peek();
    if (token?.kind === 'name' && token.text.toUpperCase() === word) {
      this.index += 1;
      return true;
    }
    return false;
  }

  expectOperator(text: string): void {
    if (!this.acceptOperator(text)) throw new ExpressionError(`expected "${text}"`);
  }

  expectName(): string {
    const token = this.next();
    if (token.kind !== 'name') throw new ExpressionError('expected an attribute name');
    return token.text;
  }
}

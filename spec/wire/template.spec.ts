/**
 * The one template resolver (src/wire/template.ts) resolves as Postman does: the raw-socket runner,
 * both engines, the direct teardown and the results describe requests newman resolved that way.
 * postman-collection's own substitution (what VariableScope.replaceIn calls) is the oracle.
 */
import { expect } from 'chai';
import sdk from 'postman-collection';
import { resolveTemplate } from '../../src/wire/template.js';

function postmanResolves(text: string, variables: ReadonlyMap<string, string>): string {
  return sdk.Property.replaceSubstitutions(text, new sdk.VariableList(new sdk.Property({}), [...variables].map(([key, value]) => new sdk.Variable({ key, value }))));
}

describe('templates resolved as Postman resolves them', () => {
  it('a chain nested fifteen deep, an empty name, an unknown one, a name with blanks: as Postman substitutes', () => {
    const chain = new Map(Array.from({ length: 15 }, (_, i) => [`v${i}`, i === 14 ? 'end' : `{{v${i + 1}}}`]));
    const variables = new Map([...chain, ['', 'empty']]);
    const text = '{{v0}} {{}} {{nope}} {{ v1 }}';
    expect(resolveTemplate(text, variables)).to.equal(postmanResolves(text, variables));
    expect(resolveTemplate(text, variables)).to.equal('end empty {{nope}} {{ v1 }}');
  });

  it('a cycle ends after Postman\'s rounds, as Postman ends it', () => {
    const variables = new Map([['a', '{{b}}'], ['b', '{{a}}x']]);
    expect(resolveTemplate('{{a}}', variables)).to.equal(postmanResolves('{{a}}', variables));
  });
});

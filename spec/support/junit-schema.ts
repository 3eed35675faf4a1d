/**
 * Validation of JUnit XML against the schema Jenkins reads (spec/fixtures/junit-jenkins.xsd: the
 * constraints of the xunit plugin's junit-10.xsd), with libxml2 compiled to WebAssembly.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateXML } from 'xmllint-wasm';
import { packageRoot } from '../../src/package-info.js';

const XSD = readFileSync(join(packageRoot(), 'spec/fixtures/junit-jenkins.xsd'), 'utf8');

/** libxml2's messages for every violation; empty when the document is valid. */
export async function junitSchemaErrors(xml: string): Promise<string[]> {
  const result = await validateXML({ xml: [{ fileName: 'junit.xml', contents: xml }], schema: [{ fileName: 'junit-jenkins.xsd', contents: XSD }] });
  return result.errors.map((e) => e.rawMessage);
}

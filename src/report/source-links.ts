/**
 * Sources are stored bare in the catalogue (`RFC 9110 §11.6.2`, `seed §Basic HTTP Username/Password
 * Authentication`, `OWASP Authentication Cheat Sheet`) and turned into links only here, when a
 * report is rendered.
 */

export interface SourceLink {
  /** The source as the catalogue writes it. */
  readonly text: string;
  /** Where to read it; absent for a source the reports cannot link. */
  readonly href?: string;
}

/** The Iguazio documentation page the seed is a copy of. */
export const SEED_PAGE_URL = 'https://www.iguazio.com/docs/latest-release/services/data-layer/reference/web-apis/security/';

/** The seed's headings and their anchors on the page (the page's own `{#id}` attributes). */
const SEED_ANCHORS: Readonly<Record<string, string>> = {
  Overview: 'overview',
  'HTTPS Requests': 'https',
  'HTTP User Authentication': 'http-user-authentication',
  'Access-Key Authentication': 'http-auth-access-key',
  'X-v3io-session-key Authentication': 'custom-access-key-header-auth',
  'S3-Like Authentications': 's3-like-authentications',
  'Basic HTTP Username/Password Authentication': 'basic-http-username-password-auth',
};

const OWASP_CHEAT_SHEETS = 'https://cheatsheetseries.owasp.org/cheatsheets/';
const OWASP_WSTG = 'https://owasp.org/www-project-web-security-testing-guide/stable/';
/** The Web Security Testing Guide's pages the catalogue cites, by section number. */
const WSTG_PAGES: Readonly<Record<string, string>> = {
  '4.2.6': '4-Web_Application_Security_Testing/02-Configuration_and_Deployment_Management_Testing/06-Test_HTTP_Methods',
  '4.5.2': '4-Web_Application_Security_Testing/05-Authorization_Testing/02-Testing_for_Bypassing_Authorization_Schema',
};

const RFC = /^RFC\s+(\d+)(?:\s+§\s*([0-9A-Za-z.]+))?$/;
const SEED = /^seed\s+§\s*(.+)$/;
const OWASP = /^OWASP\s+(.+?)\s+Cheat Sheet$/;
const WSTG = /^OWASP\s+WSTG\s+(\d+(?:\.\d+)*)\b/;
/** A public repository the catalogue takes facts from (a tool's payload lists): `GitHub owner/name`. */
const GITHUB = /^GitHub\s+([A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+)$/;

export function sourceLink(source: string): SourceLink {
  const text = source.trim();
  const rfc = RFC.exec(text);
  if (rfc) return { text, href: `https://www.rfc-editor.org/rfc/rfc${rfc[1]}${rfc[2] ? `#section-${rfc[2]}` : ''}` };
  const seed = SEED.exec(text);
  if (seed?.[1] !== undefined) {
    const anchor = SEED_ANCHORS[seed[1].trim()];
    return { text, href: anchor ? `${SEED_PAGE_URL}#${anchor}` : SEED_PAGE_URL };
  }
  const owasp = OWASP.exec(text);
  if (owasp?.[1] !== undefined) return { text, href: `${OWASP_CHEAT_SHEETS}${owasp[1].trim().replace(/\s+/g, '_')}_Cheat_Sheet.html` };
  const wstg = WSTG.exec(text);
  if (wstg?.[1] !== undefined) return { text, href: `${OWASP_WSTG}${WSTG_PAGES[wstg[1]] ?? ''}` };
  const github = GITHUB.exec(text);
  if (github?.[1] !== undefined) return { text, href: `https://github.com/${github[1]}` };
  return { text };
}

/**
 * The `shared-cache` check's rule, written once: whether a protected response lets a shared cache
 * (a CDN, a proxy) store it and hand it to other users. Node's judge calls the function; the
 * collection's script runs its own source. It refers to nothing outside its parameters.
 */

/**
 * The Cache-Control directives (and Vary) of a 2xx response to GET or HEAD that let a shared cache
 * reuse it for a request without the credentials: empty when none does.
 *
 * - A request with `Authorization`: a shared cache must not reuse the response unless a directive
 *   allows it, and RFC 9111 §3.5 names exactly `public`, `s-maxage` and `must-revalidate`.
 * - A request with its credentials in another header only (`X-v3io-session-key`): §3.5 does not
 *   apply, the cache keys the response by its URI alone, so an explicit freshness lifetime
 *   (`public`, `s-maxage`, `max-age` above 0) invites reuse. A response with none is stored only
 *   by heuristic freshness (§4.2.2), which this rule does not judge.
 *
 * Either way nothing is invited when `no-store` forbids storing (§5.2.2.5), `private` without field
 * names forbids a shared cache to store it (§5.2.2.7), `no-cache` without field names makes the
 * cache ask the origin, with the next user's credentials, before each reuse (§5.2.2.4), or `Vary`
 * names a credential header the request carried, or `*` (§4.1: reuse only with the same one).
 * `credentialHeaders` are the lower-case names of the request's credential headers.
 */
export function sharedReuseInvitations(credentialHeaders: readonly string[], headers: readonly (readonly [name: string, value: unknown])[]): string[] {
  const valuesOf = (wanted: string): string[] => headers.filter(([name]) => name.toLowerCase() === wanted).map(([, value]) => String(value ?? ''));
  const directives: [string, string | undefined][] = [];
  for (const value of valuesOf('cache-control')) {
    // A quoted argument may hold commas (`private="a, b"`): split outside quotes only.
    for (const part of value.match(/(?:[^,"]|"(?:[^"\\]|\\.)*")+/g) ?? []) {
      const match = /^\s*([^=\s]+)\s*(?:=\s*(.*?))?\s*$/.exec(part);
      if (match) directives.push([match[1]!.toLowerCase(), match[2]]);
    }
  }
  const has = (name: string): boolean => directives.some(([directive]) => directive === name);
  const bare = (name: string): boolean => directives.some(([directive, argument]) => directive === name && argument === undefined);
  const varied = valuesOf('vary').flatMap((value) => value.split(',').map((name) => name.trim().toLowerCase()));
  if (has('no-store') || bare('private') || bare('no-cache')) return [];
  if (varied.includes('*') || credentialHeaders.some((name) => varied.includes(name))) return [];
  const invitations = credentialHeaders.includes('authorization') ? ['public', 's-maxage', 'must-revalidate'] : ['public', 's-maxage'];
  const found = directives.map(([directive]) => directive).filter((directive) => invitations.includes(directive));
  if (!credentialHeaders.includes('authorization')) {
    const lifetime = directives.find(([directive]) => directive === 'max-age');
    if (lifetime && Number(String(lifetime[1] ?? '').replace(/^"|"$/g, '')) > 0) found.push('max-age');
  }
  return [...new Set(found)];
}

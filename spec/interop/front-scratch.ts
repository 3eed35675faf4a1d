import { startReferenceServer } from '../../src/reference/server.js';
import { startNginx } from '../support/basic-servers.js';
import { runInProcess } from '../support/in-process-run.js';
const backend = await startReferenceServer({ port: 0, host: '127.0.0.1', errorLog: () => {} });
const nginx = await startNginx({ proxyPass: backend.url });
try {
  const run = await runInProcess({ target: nginx.baseUrl, envFile: 'environments/reference.postman_environment.json', engine: 'native', reporters: ['json'] });
  console.log(run.stdout.split('\n').slice(-3).join('\n'));
  for (const c of run.report!.cases.filter((c) => c.outcome !== 'pass' && c.outcome !== 'skip')) {
    const a = c.actual && 'status' in c.actual ? c.actual : undefined;
    console.log(c.id, c.outcome, c.failedLevel, a?.status, JSON.stringify(a?.headers?.filter(([n]) => /server|via/i.test(n))), JSON.stringify((a?.bodyExcerpt ?? '').slice(0, 120)));
    for (const k of c.checks.filter((k) => !k.passed)) console.log('    ', k.level, k.name, '|', k.message?.slice(0, 150));
  }
} finally { await nginx.stop(); await backend.close(); }

/**
 * The AWS CLI and boto3 (Debian's `awscli` and `python3-boto3`) against the served reference, as
 * their users run them: `aws s3 cp` of 20 MiB (a multipart upload, then ranged GETs), `aws s3 mv`
 * between keys (CopyObject, and UploadPartCopy over 8 MiB), `aws s3 sync` both ways, each checked
 * byte for byte afterwards; and a boto3 session (boto3-session.py) of copies, refused calls that
 * must leave the object alone, checksummed PUTs, paged listings and
 * DeleteObjects. Without the tools the tests say they are skipped and why — except under CI
 * (`CI` set), where that is a failure.
 * @see docs/reference-server.md "S3 calls"
 */
import { expect } from 'chai';
import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { packageRoot } from '../../src/package-info.js';
import { startReferenceServer, type ReferenceServer } from '../../src/reference/server.js';
import { MAIN } from '../reference/helpers.js';
import { tempDir } from '../support/cli.js';

const AWS = '/usr/bin/aws';
const PYTHON = '/usr/bin/python3';
const DEBIAN_PACKAGES = 'awscli python3-boto3';
const BOTO3_SESSION = join(packageRoot(), 'spec', 'interop', 'boto3-session.py');

function unavailableReason(): string | undefined {
  if (!existsSync(AWS)) return `no ${AWS} (apt-get install ${DEBIAN_PACKAGES})`;
  if (!existsSync(PYTHON) || spawnSync(PYTHON, ['-c', 'import boto3'], { encoding: 'utf8' }).status !== 0) return `no boto3 for ${PYTHON} (apt-get install ${DEBIAN_PACKAGES})`;
  return undefined;
}

/** The tools' environment: credentials for the main identity, and nothing of the user's AWS configuration. */
function awsEnvironment(home: string): NodeJS.ProcessEnv {
  const inherited = Object.entries(process.env).filter(([name]) => !name.startsWith('AWS_') && !name.startsWith('V3IO_'));
  return {
    ...Object.fromEntries(inherited),
    HOME: home,
    AWS_ACCESS_KEY_ID: MAIN.accessKey,
    AWS_SECRET_ACCESS_KEY: 'not-checked-by-v3io',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_CONFIG_FILE: join(home, 'no-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, 'no-credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
  };
}

/** Runs a tool to the end without blocking the in-process server; its output is kept for failure messages. */
function run(command: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

/** Every file under `root`, as `relative path → MD5`. */
function tree(root: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else files[relative(root, path)] = createHash('md5').update(readFileSync(path)).digest('hex');
    }
  };
  walk(root);
  return files;
}

function md5(bytes: Buffer): string {
  return createHash('md5').update(bytes).digest('hex');
}

describe('the AWS CLI and boto3 against the served reference (real socket)', function () {
  this.timeout(180_000);
  const reason = unavailableReason();
  let server: ReferenceServer;
  let work: string;
  let env: NodeJS.ProcessEnv;

  before(async function () {
    if (reason) {
      if (process.env.CI) throw new Error(`${reason}: .ci/run should have installed it`);
      console.log(`      skipping the AWS CLI and boto3 tests: ${reason}`);
      this.skip();
    }
    server = await startReferenceServer({ port: 0 });
    work = tempDir('v3io-aws-cli-');
    env = awsEnvironment(work);
  });

  after(async () => {
    await server?.close();
  });

  async function aws(...args: string[]): Promise<string> {
    const result = await run(AWS, ['--endpoint-url', server.url, '--no-progress', ...args], env);
    expect(result.code, `aws ${args.join(' ')}:\n${result.output}`).to.equal(0);
    return result.output;
  }

  /** The stored bytes of a key, read with a plain GET (not through the tool under test); `undefined` if absent. */
  async function stored(key: string): Promise<Buffer | undefined> {
    const response = await fetch(`${server.url}/bigdata/${key}`, { headers: { 'X-v3io-session-key': MAIN.accessKey } });
    if (response.status === 404) return undefined;
    expect(response.status, key).to.equal(200);
    return Buffer.from(await response.arrayBuffer());
  }

  it('aws s3 cp of 20 MiB up (a multipart upload) and down (ranged GETs): the same bytes each way', async function () {
    const bytes = randomBytes(20 * 1024 * 1024);
    const local = join(work, 'twenty.bin');
    writeFileSync(local, bytes);
    await aws('s3', 'cp', local, 's3://bigdata/cli/twenty.bin');
    expect(md5((await stored('cli/twenty.bin'))!), 'stored').to.equal(md5(bytes));
    const back = join(work, 'twenty-back.bin');
    await aws('s3', 'cp', 's3://bigdata/cli/twenty.bin', back);
    expect(md5(readFileSync(back)), 'downloaded').to.equal(md5(bytes));
  });

  it('aws s3 mv between keys, of 20 MiB (UploadPartCopy) and of 1 KiB (CopyObject): the destination has the bytes, the source is gone', async function () {
    for (const [name, size] of [['big', 20 * 1024 * 1024], ['small', 1024]] as const) {
      const bytes = randomBytes(size);
      const local = join(work, `${name}.bin`);
      writeFileSync(local, bytes);
      await aws('s3', 'cp', local, `s3://bigdata/cli/mv-${name}.bin`);
      await aws('s3', 'mv', `s3://bigdata/cli/mv-${name}.bin`, `s3://bigdata/cli/moved/${name}.bin`);
      expect(md5((await stored(`cli/moved/${name}.bin`))!), `${name}: the destination`).to.equal(md5(bytes));
      expect(await stored(`cli/mv-${name}.bin`), `${name}: the source`).to.equal(undefined);
    }
  });

  it('aws s3 sync up then down gives the same tree, byte for byte, and a second sync up sends nothing', async function () {
    const source = join(work, 'sync-src');
    const files: Record<string, Buffer> = { 'a.txt': Buffer.from('a\n'), 'sub/b.txt': Buffer.from('b\n'), 'sub/deep/nine.bin': randomBytes(9 * 1024 * 1024), 'sub/deep/empty': Buffer.alloc(0) };
    for (const [path, bytes] of Object.entries(files)) {
      mkdirSync(join(source, path, '..'), { recursive: true });
      writeFileSync(join(source, path), bytes);
    }
    await aws('s3', 'sync', source, 's3://bigdata/cli/synced');
    for (const [path, bytes] of Object.entries(files)) expect(md5((await stored(`cli/synced/${path}`))!), path).to.equal(md5(bytes));
    const destination = join(work, 'sync-dst');
    await aws('s3', 'sync', 's3://bigdata/cli/synced', destination);
    expect(tree(destination)).to.deep.equal(tree(source));
    expect(await aws('s3', 'sync', source, 's3://bigdata/cli/synced')).to.not.include('upload:');
  });

  it('a boto3 session: copies, refusals that leave the object, checksummed PUTs, paged listings, DeleteObjects', async function () {
    const results = join(work, 'boto3.json');
    const folder = 'boto3';
    const session = await run(PYTHON, [BOTO3_SESSION, server.url, MAIN.accessKey, folder, results], env);
    expect(session.code, session.output).to.equal(0);
    const observed = JSON.parse(readFileSync(results, 'utf8')) as Record<string, unknown>;
    const sourceMd5 = md5(Buffer.concat(Array.from({ length: 40 }, () => Buffer.from(Array.from({ length: 256 }, (_, i) => i)))));
    const notImplemented = { error: 'NotImplemented', status: 501 };
    expect(observed).to.deep.equal({
      'source md5': sourceMd5,
      copy_object: `"${sourceMd5}"`,
      'copy md5': sourceMd5,
      put_object_acl: notImplemented,
      put_object_tagging: notImplemented,
      'delete_object with VersionId': notImplemented,
      'source md5 after the refusals': sourceMd5,
      'put_object ChecksumAlgorithm SHA256': `"${sourceMd5}"`,
      'sha md5': sourceMd5,
      'list_objects_v2 pages of 2': [
        [`${folder}/many/0.txt`, `${folder}/many/1.txt`],
        [`${folder}/many/2.txt`, `${folder}/many/3.txt`],
        [`${folder}/many/4.txt`],
      ],
      delete_objects: [0, 1, 2].map((i) => `${folder}/many/${i}.txt`),
      'listed after delete_objects': [`${folder}/many/3.txt`, `${folder}/many/4.txt`],
    });
  });
});

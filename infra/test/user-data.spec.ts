import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INSTALL_SCRIPT_PATH, renderGreeterUserData } from '../src/ec2/user-data';

const SHELLCHECK_MISSING =
  'shellcheck is not on PATH: install it (Debian/Ubuntu: `apt-get install shellcheck`; macOS: `brew install shellcheck`) and run `npm test` again.';

const haveShellcheck = (() => {
  const version = spawnSync('shellcheck', ['--version']);
  return !version.error && version.status === 0;
})();
// On a developer's machine without shellcheck the lint is skipped, and says so; CI (CI=true) insists on it.
const itWithShellcheck = haveShellcheck || process.env['CI'] === 'true' ? it : it.skip;
if (!haveShellcheck && process.env['CI'] !== 'true') process.stderr.write(`skipping the user data's shellcheck: ${SHELLCHECK_MISSING}\n`);

function shellcheck(file: string): void {
  if (!haveShellcheck) throw new Error(SHELLCHECK_MISSING);
  const result = spawnSync('shellcheck', ['--shell=bash', '--severity=style', file], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`shellcheck found problems in ${file}:\n${result.stdout}${result.stderr}`);
}

/** A scratch machine: stub commands that record their calls, an S3 "object", and a root folder for what gets installed. */
function scratchMachine(objectContent: string, { failedDownloads = 0 } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'greeter-user-data-'));
  const bin = join(dir, 'bin');
  const root = join(dir, 'root');
  const calls = join(dir, 'calls.log');
  const object = join(dir, 's3-object.mjs');
  mkdirSync(bin);
  mkdirSync(root);
  writeFileSync(object, objectContent);
  const stub = (name: string, body: string) => {
    writeFileSync(join(bin, name), `#!/bin/bash\necho "${name} $*" >> "${calls}"\n${body}\n`);
    chmodSync(join(bin, name), 0o755);
  };
  stub('dnf', 'exit 0');
  stub('node-22', 'exit 0');
  stub('id', 'exit 1'); // the app user does not exist yet
  stub('useradd', 'exit 0');
  stub('systemctl', 'exit 0');
  stub('sleep', 'exit 0');
  stub('logger', 'exit 0');
  stub('amazon-cloudwatch-agent-ctl', 'exit 0');
  stub('chown', 'exit 0');
  // `aws s3api get-object --bucket B --key K --version-id V <destination>`: the destination is the
  // last argument. The first `failedDownloads` calls fail, as S3 does before the object exists.
  const downloads = join(dir, 'downloads');
  stub(
    'aws',
    `n=$(( $(cat "${downloads}" 2>/dev/null || echo 0) + 1 )); echo "$n" > "${downloads}"; [ "$n" -gt ${failedDownloads} ] || { echo "An error occurred (NoSuchKey)" >&2; exit 1; }; cp "${object}" "\${@: -1}"`,
  );
  return { dir, bin, root, calls, readCalls: () => (existsSync(calls) ? readFileSync(calls, 'utf8') : '') };
}

const artifact = 'console.log("greeter server build 42");\n';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const settings = {
  artifactBucket: 'greeter-prod-artifacts-abc',
  artifactKey: 'greeter/server.mjs',
  artifactVersionId: 'v3.b6Kx_example-version',
  artifactSha256Hex: sha256(artifact),
  appPort: 3000,
  shutdownTimeoutMs: 10_000,
  shutdownDrainMs: 35_000,
  keepAliveTimeoutMs: 65_000,
  logGroup: '/greeter/prod/app',
};

function runUserData(machine: ReturnType<typeof scratchMachine>, extraEnv: Record<string, string> = {}) {
  const script = join(machine.dir, 'user-data.sh');
  writeFileSync(script, renderGreeterUserData(settings));
  return spawnSync('bash', [script], {
    encoding: 'utf8',
    env: { PATH: `${machine.bin}:/usr/bin:/bin`, INSTALL_ROOT: machine.root, ...extraEnv },
  });
}

describe('the EC2 user data', () => {
  itWithShellcheck('is shellcheck-clean, as a script and as rendered', () => {
    const rendered = join(mkdtempSync(join(tmpdir(), 'greeter-ud-')), 'user-data.sh');
    writeFileSync(rendered, renderGreeterUserData(settings));

    shellcheck(INSTALL_SCRIPT_PATH);
    shellcheck(rendered);
  });

  it('installs Node.js 22, verifies and installs the artifact, and starts it under a hardened systemd unit', () => {
    const machine = scratchMachine(artifact);

    const result = runUserData(machine);

    expect(result.stderr).toContain('greeter.service started on port 3000');
    expect(result.status).toBe(0);
    expect(readFileSync(join(machine.root, 'opt/greeter/main.mjs'), 'utf8')).toBe(artifact);
    const calls = machine.readCalls();
    expect(calls).toContain('dnf install -y nodejs22 amazon-cloudwatch-agent');
    expect(calls).toContain(
      `aws s3api get-object --bucket ${settings.artifactBucket} --key ${settings.artifactKey} --version-id ${settings.artifactVersionId} `,
    );
    expect(calls).toMatch(/useradd --system .* --shell \/sbin\/nologin greeter/);
    expect(calls).toContain('systemctl enable --now greeter.service');
    const unit = readFileSync(join(machine.root, 'etc/systemd/system/greeter.service'), 'utf8');
    for (const line of [
      'User=greeter',
      `ExecStart=${machine.bin}/node-22 /opt/greeter/main.mjs`,
      'Environment=PORT=3000',
      'Environment=SHUTDOWN_TIMEOUT_MS=10000',
      'Environment=SHUTDOWN_DRAIN_MS=35000',
      'Environment=KEEP_ALIVE_TIMEOUT_MS=65000',
      'Restart=on-failure',
      'LogsDirectory=greeter',
      'StandardOutput=append:/var/log/greeter/app.log',
      // The drain, then the requests in flight, then 5 s to spare.
      'TimeoutStopSec=50',
      'NoNewPrivileges=yes',
      'ProtectSystem=strict',
      'CapabilityBoundingSet=',
    ]) {
      expect(unit.split('\n')).toContain(line);
    }
  });

  it('ships the app’s output to its CloudWatch Logs group with the agent, and rotates the file on the instance', () => {
    const machine = scratchMachine(artifact);

    expect(runUserData(machine).status).toBe(0);

    const agent = JSON.parse(readFileSync(join(machine.root, 'opt/aws/amazon-cloudwatch-agent/etc/greeter.json'), 'utf8'));
    expect(agent.logs.logs_collected.files.collect_list).toEqual([
      expect.objectContaining({ file_path: '/var/log/greeter/app.log', log_group_name: '/greeter/prod/app', log_stream_name: '{instance_id}' }),
    ]);
    expect(machine.readCalls()).toContain('amazon-cloudwatch-agent-ctl -a fetch-config -m ec2 -s -c file:/opt/aws/amazon-cloudwatch-agent/etc/greeter.json');
    // The unit's output file's folder exists, owned by the app user, before the service starts (systemd does not create it in time).
    expect(existsSync(join(machine.root, 'var/log/greeter'))).toBe(true);
    const calls = machine.readCalls();
    expect(calls.indexOf(`chown greeter:greeter ${machine.root}/var/log/greeter`)).toBeGreaterThan(-1);
    expect(calls.indexOf('chown greeter:greeter')).toBeLessThan(calls.indexOf('systemctl enable --now greeter.service'));
    expect(readFileSync(join(machine.root, 'etc/logrotate.d/greeter'), 'utf8')).toMatch(/^\/var\/log\/greeter\/app\.log \{[^}]*copytruncate/s);
  });

  it('waits for an artifact that is not readable yet, with growing bounded waits, then installs it', () => {
    const machine = scratchMachine(artifact, { failedDownloads: 3 });

    const result = runUserData(machine);

    expect(result.status).toBe(0);
    expect(result.stderr).toContain('attempt 4 of 8');
    const sleeps = machine
      .readCalls()
      .split('\n')
      .filter((line) => line.startsWith('sleep '));
    expect(sleeps).toEqual(['sleep 2', 'sleep 4', 'sleep 8']);
    expect(readFileSync(join(machine.root, 'opt/greeter/main.mjs'), 'utf8')).toBe(artifact);
  });

  it('gives up loudly after the last attempt: to stderr and the system log, and the server is never started', () => {
    const machine = scratchMachine(artifact, { failedDownloads: 100 });

    const result = runUserData(machine, { DOWNLOAD_ATTEMPTS: '6' });

    expect(result.status).toBe(1);
    expect(result.stderr).toContain('giving up: could not fetch');
    const calls = machine.readCalls().split('\n');
    expect(calls.filter((line) => line.startsWith('aws '))).toHaveLength(6);
    expect(calls.filter((line) => line.startsWith('sleep '))).toEqual(['sleep 2', 'sleep 4', 'sleep 8', 'sleep 16', 'sleep 30']);
    expect(calls.find((line) => line.startsWith('logger '))).toMatch(/-p user\.err giving up/);
    expect(calls.some((line) => line.startsWith('systemctl'))).toBe(false);
  });

  it('refuses to start an artifact whose checksum does not match, and leaves nothing behind', () => {
    const machine = scratchMachine('console.log("tampered");\n');

    const result = runUserData(machine);

    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/refusing to start: the artifact's SHA-256 is [0-9a-f]{64}, expected [0-9a-f]{64}/);
    expect(existsSync(join(machine.root, 'opt/greeter/main.mjs'))).toBe(false);
    expect(readdirSync(join(machine.root, 'opt/greeter'))).toEqual([]);
    expect(existsSync(join(machine.root, 'etc/systemd/system/greeter.service'))).toBe(false);
    expect(machine.readCalls()).not.toContain('systemctl');
  });

  it('stops at once when a setting is missing', () => {
    const result = spawnSync('bash', [INSTALL_SCRIPT_PATH], { encoding: 'utf8', env: { PATH: '/usr/bin:/bin' } });

    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('ARTIFACT_BUCKET must be set');
  });
});

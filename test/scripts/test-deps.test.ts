// `npm test` brings what it needs: scripts/test-deps.sh (the pretest script) installs chromium and
// libvulkan1 with apt-get when they are missing and it may (root, or sudo without a password),
// and otherwise stops with the one command to run. Run here against stand-ins for id, dpkg-query,
// apt-get and sudo that record what they were asked to do.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

interface World {
  root?: boolean;
  sudo?: boolean;
  chromium?: boolean;
  vulkan?: boolean;
  /** apt-get installs what it is asked for (false: it "succeeds" but installs nothing). */
  aptWorks?: boolean;
  debian?: boolean;
}

function run(world: World) {
  const dir = mkdtempSync(join(tmpdir(), 'test-deps-'));
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  const log = join(dir, 'log');
  const chromium = join(dir, 'chromium');
  const vulkan = join(dir, 'vulkan-installed');
  writeFileSync(log, '');
  const stub = (name: string, body: string) => {
    writeFileSync(join(bin, name), `#!/bin/bash\n${body}\n`);
    chmodSync(join(bin, name), 0o755);
  };
  if (world.chromium) stub('../chromium', 'exit 0');
  if (world.vulkan) writeFileSync(vulkan, '');
  stub('id', `echo ${world.root ? 0 : 1000}`);
  if (world.debian !== false) stub('dpkg-query', `[ -e ${vulkan} ] && printf 'install ok installed' || { echo "no packages found matching libvulkan1" >&2; exit 1; }`);
  stub('apt-get', `echo "$SUDO_MARK apt-get $*" >> ${log}\n` + (world.aptWorks === false ? '' : `for p in "$@"; do case $p in chromium) printf '#!/bin/bash\\n' > ${chromium}; /bin/chmod +x ${chromium};; libvulkan1) : > ${vulkan};; esac; done`));
  stub('sudo', world.sudo ? `[ "$1" = -n ] && shift\n[ "$1" = true ] && exit 0\nSUDO_MARK=sudo "$@"` : 'echo "sudo: a password is required" >&2; exit 1');
  const result = spawnSync('/bin/bash', ['scripts/test-deps.sh'], { env: { PATH: bin, BACKSTEP_CHROMIUM: chromium }, encoding: 'utf8' });
  return { status: result.status, stderr: result.stderr, calls: readFileSync(log, 'utf8').trim().split('\n').filter(Boolean).map((l) => l.trim()), installed: existsSync(chromium) && existsSync(vulkan) };
}

describe('pretest: chromium and libvulkan1', () => {
  it('does nothing when both are there', () => {
    expect(run({ chromium: true, vulkan: true })).toMatchObject({ status: 0, calls: [], stderr: '' });
  });

  it('as root, installs what is missing with apt-get', () => {
    const r = run({ root: true });
    expect(r.status).toBe(0);
    expect(r.calls).toEqual(['apt-get update -qq', 'apt-get install -y -qq --no-install-recommends chromium libvulkan1 fonts-dejavu-core']);
    expect(r.installed).toBe(true);
  });

  it('as a user with password-less sudo, installs through sudo, only what is missing', () => {
    const r = run({ sudo: true, chromium: true });
    expect(r.status).toBe(0);
    expect(r.calls).toEqual(['sudo apt-get update -qq', 'sudo apt-get install -y -qq --no-install-recommends libvulkan1']);
  });

  it('otherwise stops with the one command to run, and installs nothing', () => {
    const r = run({ vulkan: true });
    expect(r.status).toBe(1);
    expect(r.calls).toEqual([]);
    expect(r.stderr).toContain('  sudo apt-get install -y chromium\n');
  });

  it('fails when apt-get ran but the packages are still missing', () => {
    const r = run({ root: true, aptWorks: false });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/chromium libvulkan1 still missing after apt-get; install by hand: sudo apt-get install -y chromium libvulkan1/);
  });

  it('off Debian, asks for Chromium and the Vulkan loader by name', () => {
    const r = run({ debian: false, root: true });
    expect(r.status).toBe(1);
    expect(r.calls).toEqual([]);
    expect(r.stderr).toMatch(/needs Chromium at .*chromium and the Vulkan loader/);
  });

  it('is what npm test runs first, and .ci/run runs exactly the README commands', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
    expect(pkg.scripts.pretest).toBe('bash scripts/test-deps.sh');
    const ci = readFileSync('.ci/run', 'utf8');
    const commands = ci.split('\n').filter((l) => /^npm /.test(l));
    expect(commands).toEqual(['npm ci', 'npm test']);
    expect(ci).not.toMatch(/apt-get/);
    const readme = readFileSync('README.md', 'utf8');
    expect(readme).toMatch(/npm ci && npm start/);
    expect(readme).toMatch(/```sh\nnpm test\n```/);
  });
});

/** The simulation rule (docs/emulator.md "What a task does"): outcome, run time and output from the script. */
import { describe, expect, it } from '@jest/globals';
import { simulateTask, type Simulation, type SimulationInput } from '../../src/emulator/simulate/simulate.js';

const A = 'ins-aaaaaaaa';
const B = 'ins-bbbbbbbb';

function sim(script: string, more: Partial<SimulationInput> = {}): Extract<Simulation, { kind: 'ran' }> {
  const result = simulateTask({ script, instanceId: A, timeoutSeconds: 60, ...more });
  if (result.kind !== 'ran') throw new Error(`expected a run, got ${result.status}`);
  return result;
}
const text = (result: { output: Buffer }): string => result.output.toString('utf8');

describe('simulateTask', () => {
  it('echo prints, the script succeeds at once', () => {
    const r = sim('#!/bin/sh\necho hello world\necho -n "no newline"\necho -e "a\\tb"\n');
    expect(r).toMatchObject({ status: 'SUCCESS', exitCode: 0, durationMs: 0, runMs: 0, dropped: 0 });
    expect(text(r)).toBe('hello world\nno newline' + 'a\tb\n');
  });

  it('exit N ends the script FAILED with N (0 is SUCCESS; codes wrap at 256 as in sh)', () => {
    const r = sim('echo before\nexit 3\necho after\n');
    expect(r).toMatchObject({ status: 'FAILED', exitCode: 3 });
    expect(text(r)).toBe('before\n');
    expect(sim('exit 0\necho after')).toMatchObject({ status: 'SUCCESS', exitCode: 0, output: Buffer.alloc(0) });
    expect(sim('exit 300').exitCode).toBe(44);
    expect(sim('exit -1').exitCode).toBe(255);
    expect(sim('false\nexit').exitCode).toBe(1);
  });

  it('sleep N takes N seconds (suffixes, sums, decimals), and output carries the time it was printed', () => {
    const r = sim('echo start\nsleep 2\nsleep 1.5 0.5\necho middle\nsleep 1m\necho end', { timeoutSeconds: 600 });
    expect(r).toMatchObject({ status: 'SUCCESS', durationMs: 64_000, runMs: 64_000 });
    expect(r.chunks.map((c) => [c.atMs, c.bytes.toString()])).toEqual([
      [0, 'start\n'],
      [4000, 'middle\n'],
      [64_000, 'end\n'],
    ]);
  });

  it('a script that runs until its Timeout is killed then: TIMEOUT, exit -1, only what it printed before', () => {
    const r = sim('echo a\nsleep 100\necho b\n', { timeoutSeconds: 60 });
    expect(r).toMatchObject({ status: 'TIMEOUT', exitCode: -1, durationMs: 100_000, runMs: 60_000 });
    expect(text(r)).toBe('a\n');
    expect(sim('sleep infinity', { timeoutSeconds: 5 })).toMatchObject({
      status: 'TIMEOUT',
      runMs: 5000,
      durationMs: Infinity,
    });
    expect(sim('sleep 59', { timeoutSeconds: 60 }).status).toBe('SUCCESS');
    expect(sim('sleep 60', { timeoutSeconds: 60 }).status).toBe('TIMEOUT');
  });

  it('"# on ID[,ID]: LINE" runs LINE on those instances only', () => {
    const script = 'echo deploying\n# on ins-aaaaaaaa: exit 3\n# on ins-cccccccc, ins-bbbbbbbb: sleep 120\necho done\n';
    expect(simulateTask({ script, instanceId: A, timeoutSeconds: 60 })).toMatchObject({
      status: 'FAILED',
      exitCode: 3,
    });
    expect(simulateTask({ script, instanceId: B, timeoutSeconds: 60 })).toMatchObject({
      status: 'TIMEOUT',
      exitCode: -1,
    });
    const other = sim(script.replace('exit 3', 'exit 3'), { instanceId: 'ins-dddddddd' });
    expect(other).toMatchObject({ status: 'SUCCESS', exitCode: 0 });
    expect(text(other)).toBe('deploying\ndone\n');
  });

  it('seq, yes | head and head -c print what the real commands print, cut at 24,576 bytes with the rest Dropped', () => {
    const expected = Array.from({ length: 100_000 }, (_, i) => `${i + 1}\n`).join('');
    const r = sim('seq 100000');
    expect(r.output.length).toBe(24_576);
    expect(text(r)).toBe(expected.slice(0, 24_576));
    expect(r.dropped).toBe(Buffer.byteLength(expected) - 24_576);
    const down = sim('seq 10 -3 -5');
    expect(text(down)).toBe('10\n7\n4\n1\n-2\n-5\n');
    const yes = sim('yes hello | head -n 10000');
    expect(yes.output.length + yes.dropped).toBe(60_000);
    expect(text(yes).startsWith('hello\nhello\n')).toBe(true);
    const zeros = sim('head -c 30000 /dev/zero');
    expect(zeros.output).toEqual(Buffer.alloc(24_576));
    expect(zeros.dropped).toBe(30_000 - 24_576);
    // 1 to 10^9: 8,888,888,899 digits and 10^9 newlines, counted without being printed.
    const huge = sim('seq 1 1000000000');
    expect(huge.output.length + huge.dropped).toBe(8_888_888_899 + 1_000_000_000);
  });

  it('the cut is at exactly 24,576 raw bytes, even inside a multi-byte character', () => {
    const r = sim(`printf 'x'\nprintf '%s' ${'日'.repeat(9000)}`);
    expect(r.output.length).toBe(24_576);
    expect(r.dropped).toBe(1 + 27_000 - 24_576);
    // 1 + 3 × 8191 = 24,574: the next character is cut after 2 of its 3 bytes.
    expect(r.output.subarray(24_574)).toEqual(Buffer.from('日').subarray(0, 2));
  });

  it('head -c N /dev/urandom: the same bytes for the same run, other bytes on another instance', () => {
    const one = sim('head -c 100 /dev/urandom');
    expect(one.output.length).toBe(100);
    expect(sim('head -c 100 /dev/urandom').output).toEqual(one.output);
    expect(sim('head -c 100 /dev/urandom', { instanceId: B }).output).not.toEqual(one.output);
  });

  it('the last command decides the exit code; set -e stops at the first failure outside a test', () => {
    expect(sim('echo a\nfalse')).toMatchObject({ status: 'FAILED', exitCode: 1 });
    expect(sim('false\necho a')).toMatchObject({ status: 'SUCCESS', exitCode: 0 });
    const strict = sim('set -euo pipefail\necho a\nfalse\necho b');
    expect(strict).toMatchObject({ status: 'FAILED', exitCode: 1 });
    expect(text(strict)).toBe('a\n');
    expect(sim('set -e\nfalse || echo recovered\nfalse && echo never\necho end')).toMatchObject({ status: 'SUCCESS' });
    expect(text(sim('set -e\nfalse || echo recovered\nfalse && echo never\necho end'))).toBe('recovered\nend\n');
    expect(sim('set -o errexit\n! false\nfalse').exitCode).toBe(1);
  });

  it('&&, || and groups: other commands succeed, so "cmd || { ...; exit 1; }" passes', () => {
    expect(sim('systemctl restart nginx || { echo "restart failed"; exit 1; }')).toMatchObject({
      status: 'SUCCESS',
      output: Buffer.alloc(0),
    });
    const failing = sim('false || { echo "restart failed"; exit 2; }\necho unreachable');
    expect(failing).toMatchObject({ status: 'FAILED', exitCode: 2 });
    expect(text(failing)).toBe('restart failed\n');
    const subshell = sim('(echo in; exit 4); echo "after $?"');
    expect(subshell).toMatchObject({ status: 'SUCCESS' });
    expect(text(subshell)).toBe('in\nafter 4\n');
  });

  it('variables, $(...) and hostname (the instance id); output sent to a file is not printed, to stderr is', () => {
    const r = sim(
      'VERSION="1.4.2"\nexport ENV=prod\necho "deploying ${VERSION} to $ENV on $(hostname)"\necho secret > /tmp/out\necho warn >&2\necho $(seq 3)\n',
    );
    expect(text(r)).toBe(`deploying 1.4.2 to prod on ${A}\nwarn\n1\n2\n3\n`);
  });

  it('$((arithmetic)), ${NAME:-default}, ${#NAME}; HOME, USER, PWD preset for the user and working directory; pwd, whoami, cd', () => {
    const r = sim(
      'n=4\necho $((n * (2 + 1) - 10 / 3 % 2)) $((unset + 1))\necho "${MISSING:-fallback} ${n:-x} ${#n} ${EMPTY-}"\necho "$USER $HOME $PWD"\npwd\nwhoami\ncd app\npwd\ncd /tmp\npwd\n',
      {
        workingDirectory: '/srv',
      },
    );
    expect(text(r)).toBe('11 1\nfallback 4 1 \nroot /root /srv\n/srv\nroot\n/srv/app\n/tmp\n');
    expect(text(sim('echo "$HOME $PWD"; whoami', { username: 'deploy' }))).toBe('/home/deploy /home/deploy\ndeploy\n');
  });

  it('here-documents: cat prints its body (expanded unless quoted); a body written to a file is neither run nor printed', () => {
    const r = sim("name=world\ncat <<EOF\nhello $name\nEOF\ncat > /etc/app.conf <<'EOF'\nexit 5\nEOF\necho end");
    expect(r).toMatchObject({ status: 'SUCCESS' });
    expect(text(r)).toBe('hello world\nend\n');
  });

  it('control flow is not followed: every line runs once, in order; tests are true', () => {
    const r = sim(
      'if [ -f /etc/os-release ]; then\n  echo yes\nelse\n  echo no\nfi\nfor i in 1 2 3; do echo "item $i"; done\n',
    );
    expect(text(r)).toBe('yes\nno\nitem \n');
  });

  it("real scripts just work: the catalog's check-disk-usage and a deploy script", () => {
    const disk =
      '#!/bin/bash\n# 检查根分区使用率\ndf -h\nusage=$(df / | awk \'NR==2 {print $5}\' | tr -d %)\n[ "$usage" -lt 85 ] || { echo "磁盘使用率过高: ${usage}%"; exit 1; }\n';
    expect(sim(disk)).toMatchObject({ status: 'SUCCESS', exitCode: 0 });
    const deploy =
      '#!/bin/bash\nset -euo pipefail\ncd /srv/app\ngit fetch --tags && git checkout v1.4.2\nsystemctl restart app\nsleep 3\necho "deployed v1.4.2 on $(hostname)"\n';
    const r = sim(deploy);
    expect(r).toMatchObject({ status: 'SUCCESS', runMs: 3000 });
    expect(text(r)).toBe(`deployed v1.4.2 on ${A}\n`);
  });

  it('a SHELL working directory outside the standard top-level folders does not exist: START_FAILED as the agent reports it', () => {
    expect(simulateTask({ script: 'pwd', instanceId: A, timeoutSeconds: 60, workingDirectory: '/app' })).toEqual({
      kind: 'start-failed',
      status: 'START_FAILED',
      exitCode: -1,
      errorInfo: 'InvalidWorkingDirectory: working_directory `/app` not exists',
    });
    expect(
      simulateTask({ script: 'pwd', instanceId: A, timeoutSeconds: 60, workingDirectory: '/srv/app' }).status,
    ).toBe('SUCCESS');
    expect(
      simulateTask({
        script: 'pwd',
        instanceId: A,
        timeoutSeconds: 60,
        workingDirectory: 'C:\\x',
        commandType: 'POWERSHELL',
      }).status,
    ).toBe('SUCCESS');
  });

  it('PowerShell and BAT: Write-Output/echo, Start-Sleep/timeout /t, exit [/b] N, comments', () => {
    const ps = sim(
      '# restart IIS\nWrite-Output "restarting"\nStart-Sleep -Seconds 2\nStart-Sleep -Milliseconds 500\n# on ins-aaaaaaaa: exit 3\nWrite-Host done',
      { commandType: 'POWERSHELL' },
    );
    expect(ps).toMatchObject({ status: 'FAILED', exitCode: 3, durationMs: 2500 });
    expect(text(ps)).toBe('restarting\r\n');
    const bat = sim('@echo off\r\nREM clean up\r\necho 清理完成\r\ntimeout /t 2 /nobreak\r\nexit /b 4\r\n', {
      commandType: 'BAT',
    });
    expect(bat).toMatchObject({ status: 'FAILED', exitCode: 4, durationMs: 2000 });
    expect(text(bat)).toBe('清理完成\r\n');
  });

  it('is a pure function of its input', () => {
    const script = 'echo a\nsleep 2\nseq 50000\n# on ins-bbbbbbbb: exit 9';
    expect(sim(script)).toEqual(sim(script));
    expect(simulateTask({ script, instanceId: B, timeoutSeconds: 60 })).toEqual(
      simulateTask({ script, instanceId: B, timeoutSeconds: 60 }),
    );
  });
});

import { describe, expect, it } from '@jest/globals';
import { runEnv } from '../helpers/run-emulator.js';

/** `tat invocations cancel` and `rerun` against the emulator. */

interface Shown {
  InvocationId: string;
  InvocationStatus: string;
  InvocationTaskBasicInfoSet: Array<{ InstanceId: string; TaskStatus: string }>;
}

describe('tat invocations cancel', () => {
  it('cancels a running invocation on some instances, then shows how its tasks ended', async () => {
    const env = await runEnv();
    const started = await env.tat([
      'run',
      'sleep 20\n# on ins-zj0f57ew: sleep 600',
      '--instances',
      'ins-zj0f57ew,ins-zj0f57ex',
      '--no-wait',
      '--command-timeout',
      '1h',
    ]);
    const id = started.stdout.trim();
    env.clock.advance(1500);
    const result = await env.tat(['invocations', 'cancel', id, '--instances', 'ins-zj0f57ew', '-o', 'json']);
    expect(result.code).toBe(0);
    // Piped, the wait for the tasks to stop says each change on stderr.
    expect(result.stderr).toMatch(/ins-zj0f57ew CANCELLING → TERMINATED/);
    expect(env.sent.filter((s) => s.action === 'CancelInvocation').map((s) => s.params)).toEqual([
      { InvocationId: id, InstanceIds: ['ins-zj0f57ew'] },
    ]);
    const shown = JSON.parse(result.stdout) as Shown;
    expect(shown.InvocationTaskBasicInfoSet.map((t) => [t.InstanceId, t.TaskStatus]).sort()).toEqual([
      ['ins-zj0f57ew', 'TERMINATED'],
      ['ins-zj0f57ex', 'SUCCESS'],
    ]);
  });

  it('cancels the others and exits 3 naming an invocation that does not exist', async () => {
    const env = await runEnv();
    const started = await env.tat(['run', 'sleep 600', '--instances', 'ins-zj0f57ew', '--no-wait']);
    const id = started.stdout.trim();
    const result = await env.tat(['invocations', 'cancel', 'inv-nothere0', id, '--no-wait']);
    expect(result.code).toBe(3);
    expect(env.count('CancelInvocation')).toBe(2);
    expect(result.stdout.split('\t')[0]).toBe(id);
    expect(result.stderr).toContain('invocation not found in region ap-guangzhou: inv-nothere0');
  });

  it('says a lost reply may or may not have cancelled it (exit 7), and that cancelling again is harmless', async () => {
    const env = await runEnv();
    const id = (await env.tat(['run', 'sleep 600', '--instances', 'ins-zj0f57ew', '--no-wait'])).stdout.trim();
    env.emulator.dropWriteReplies(1);
    const result = await env.tat(['invocations', 'cancel', id]);
    expect(result.code).toBe(7);
    expect(env.count('CancelInvocation')).toBe(1);
    expect(result.stderr).toContain('cancelling it again is harmless');
  });
});

describe('tat invocations rerun', () => {
  it('runs the same command again on the same instances, with its parameters and settings', async () => {
    const env = await runEnv();
    const first = await env.tat([
      'run',
      'echo {{v}}',
      '--param',
      'v=7',
      '--instances',
      'ins-zj0f57ew,ins-zj0f57ex',
      '--username',
      'ubuntu',
      '--command-timeout',
      '2m',
      '--no-wait',
    ]);
    const id = first.stdout.trim();
    env.sent.length = 0;
    const result = await env.tat(['invocations', 'rerun', id, '--no-wait']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(env.sent.find((s) => s.action === 'RunCommand')?.params).toMatchObject({
      Content: Buffer.from('echo {{v}}').toString('base64'),
      InstanceIds: ['ins-zj0f57ew', 'ins-zj0f57ex'],
      EnableParameter: true,
      Parameters: '{"v":"7"}',
      Username: 'ubuntu',
      Timeout: 120,
    });
  });

  it('asks for hidden parameters again: TAT keeps them as ******', async () => {
    const env = await runEnv();
    const id = (
      await env.tat([
        'run',
        'echo {{tat-hidden:token}}',
        '--param',
        'token=s3cr3t-t0ken',
        '--instances',
        'ins-zj0f57ew',
        '--no-wait',
      ])
    ).stdout.trim();
    const refused = await env.tat(['invocations', 'rerun', id, '--no-wait']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('Give --param token=VALUE');
    const result = await env.tat(['invocations', 'rerun', id, '--param', 'token=n3w-t0ken', '--no-wait']);
    expect(result.code).toBe(0);
    expect(env.sent.filter((s) => s.action === 'RunCommand').at(-1)?.params.Parameters).toBe('{"token":"n3w-t0ken"}');
  });

  it('--batch-size with --no-wait is refused before anything is run, as tat run refuses it', async () => {
    const env = await runEnv();
    const id = (await env.tat(['run', 'uptime', '--instances', 'ins-zj0f57ew', '--no-wait'])).stdout.trim();
    const runs = env.sent.filter((s) => s.action === 'RunCommand').length;
    const refused = await env.tat(['invocations', 'rerun', id, '--batch-size', '1', '--no-wait']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--no-wait cannot be used with --batch-size');
    expect(env.sent.filter((s) => s.action === 'RunCommand')).toHaveLength(runs);
  });

  it('with --failed and every instance succeeded, runs nothing', async () => {
    const env = await runEnv();
    const done = await env.tat(['run', 'uptime', '--instances', 'ins-zj0f57ew', '-o', 'json']);
    const id = (JSON.parse(done.stdout) as Array<{ InvocationId: string }>)[0]!.InvocationId;
    env.sent.length = 0;
    const result = await env.tat(['invocations', 'rerun', id, '--failed'], { stderrTTY: true });
    expect(result.code).toBe(0);
    expect(env.count('RunCommand')).toBe(0);
    expect(result.stderr).toContain('Nothing to run again');
  });

  it('refuses invocations of different commands together', async () => {
    const env = await runEnv();
    const a = (await env.tat(['run', 'uptime', '--instances', 'ins-zj0f57ew', '--no-wait'])).stdout.trim();
    const b = (await env.tat(['run', 'hostname', '--instances', 'ins-zj0f57ew', '--no-wait'])).stdout.trim();
    const result = await env.tat(['invocations', 'rerun', a, b]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('ran different commands');
  });
});

describe('tat invocations rerun --failed, --instances', () => {
  it('runs it again only where it did not succeed, then exits as tat run does', async () => {
    const env = await runEnv();
    const first = await env.tat([
      'run',
      'echo ok\n# on ins-zj0f57ex: exit 4',
      '--instances',
      'ins-zj0f57ew,ins-zj0f57ex,ins-zj0f57ev',
      '-o',
      'json',
    ]);
    expect(first.code).toBe(5);
    const id = (JSON.parse(first.stdout) as Array<{ InvocationId: string }>)[0]!.InvocationId;
    expect(first.stderr).toContain(`Run the failures again: tat invocations rerun ${id} --failed`);
    env.sent.length = 0;
    const again = await env.tat(['invocations', 'rerun', id, '--failed', '-o', 'ndjson']);
    expect(env.sent.filter((s) => s.action === 'RunCommand').map((s) => s.params.InstanceIds)).toEqual([
      ['ins-zj0f57ex'],
    ]);
    // The same script fails there again: the same exit status as tat run.
    expect(again.code).toBe(5);
    expect(JSON.parse(again.stdout)).toMatchObject({ InstanceId: 'ins-zj0f57ex', TaskStatus: 'FAILED', ExitCode: 4 });
  });

  it('runs it on the instances named instead', async () => {
    const env = await runEnv();
    const id = (await env.tat(['run', 'uptime', '--instances', 'ins-zj0f57ew', '--no-wait'])).stdout.trim();
    env.sent.length = 0;
    const result = await env.tat(['invocations', 'rerun', id, '--instances', 'ins-zj0f57ev,ins-zj0f57ex', '--no-wait']);
    expect(result.code).toBe(0);
    expect(env.sent.find((s) => s.action === 'RunCommand')!.params.InstanceIds).toEqual([
      'ins-zj0f57ev',
      'ins-zj0f57ex',
    ]);
    // Or from a list such as the recap's (indented ids, one a line).
    env.sent.length = 0;
    const fromList = await env.tat(['invocations', 'rerun', id, '--instances-from', '-', '--no-wait'], {
      stdin: '  ins-zj0f57ex\n  ins-zj0f57ev\n',
    });
    expect(fromList.code).toBe(0);
    expect(env.sent.find((s) => s.action === 'RunCommand')!.params.InstanceIds).toEqual([
      'ins-zj0f57ex',
      'ins-zj0f57ev',
    ]);
  });
});

describe('rerun and cancel in several regions', () => {
  async function startedInShanghai(env: Awaited<ReturnType<typeof runEnv>>, script: string) {
    const agents = await env.tat([
      'agents',
      'list',
      '--region',
      'ap-shanghai',
      '--status',
      'online',
      '--environment',
      'linux',
      '--all',
    ]);
    const instance = agents.stdout
      .split('\n')
      .map((line) => line.split('\t')[0]!)
      .find((id) => id.startsWith('ins-'))!;
    const id = (
      await env.tat([
        'run',
        script,
        '--region',
        'ap-shanghai',
        '--instances',
        instance,
        '--no-wait',
        '--command-timeout',
        '1h',
      ])
    ).stdout.trim();
    env.sent.length = 0;
    return { id, instance };
  }

  it('cancel finds each id in whichever region has it and cancels it there', async () => {
    const env = await runEnv();
    const { id } = await startedInShanghai(env, 'sleep 600');
    const sent: string[] = [];
    const { nodeFetch } = await import('../../src/http.js');
    const real = nodeFetch();
    const result = await env.tat(
      ['invocations', 'cancel', id, '--region', 'ap-guangzhou,ap-shanghai', '--no-wait', '-o', 'json'],
      {
        fetch: async (url, init) => {
          if (init.headers?.['X-TC-Action'] === 'CancelInvocation') sent.push(init.headers['X-TC-Region'] ?? '');
          return real(url, init);
        },
      },
    );
    expect(result.code).toBe(0);
    expect(sent).toEqual(['ap-shanghai']);
    expect((JSON.parse(result.stdout) as { Region: string }).Region).toBe('ap-shanghai');
  });

  it('rerun finds the invocation across regions and runs it again in its own', async () => {
    const env = await runEnv();
    const { id, instance } = await startedInShanghai(env, 'uptime');
    const regions: string[] = [];
    const { nodeFetch } = await import('../../src/http.js');
    const real = nodeFetch();
    const result = await env.tat(['invocations', 'rerun', id, '--region', 'ap-guangzhou,ap-shanghai', '-o', 'ndjson'], {
      fetch: async (url, init) => {
        if (init.headers?.['X-TC-Action'] === 'RunCommand') regions.push(init.headers['X-TC-Region'] ?? '');
        return real(url, init);
      },
    });
    expect(result.code).toBe(0);
    expect(regions).toEqual(['ap-shanghai']);
    expect(JSON.parse(result.stdout)).toMatchObject({ InstanceId: instance, TaskStatus: 'SUCCESS' });
  });
});

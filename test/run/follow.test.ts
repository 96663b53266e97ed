import { describe, expect, it } from '@jest/globals';
import { runEnv } from '../helpers/run-emulator.js';

/** `tat run` followed to the end: one record per instance as it finishes, the recap, the exit status. */

interface Record {
  InstanceId: string;
  TaskStatus: string;
  ExitCode: number | null;
  Output: string;
  Dropped: number;
  OutputUrl: string;
  InvocationId: string;
}

describe('tat run, piped', () => {
  it('prints one ndjson record per instance under the API field names, and a recap on stderr', async () => {
    const env = await runEnv();
    const targets = ['ins-zj0f57ew', 'ins-zj0f57ex', 'ins-zj0f57ev'];
    const result = await env.tat(['run', 'uptime', '--instances', targets.join(','), '-o', 'ndjson']);
    expect(result.code).toBe(0);
    const records = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record);
    expect(records.map((r) => r.InstanceId).sort()).toEqual([...targets].sort());
    for (const record of records) {
      expect(Object.keys(record).slice(0, 6)).toEqual([
        'InstanceId',
        'TaskStatus',
        'ExitCode',
        'Output',
        'Dropped',
        'OutputUrl',
      ]);
      expect(record).toMatchObject({ TaskStatus: 'SUCCESS', ExitCode: 0, Dropped: 0 });
    }
    expect(result.stderr).toMatch(/Ran on 3 instances in \S+ \(inv-[0-9a-z]+\): 3 SUCCESS\.\n$/);
    expect(env.count('RunCommand')).toBe(1);
  });

  it('prints a tsv row per instance by default', async () => {
    const env = await runEnv();
    const result = await env.tat(['run', 'uptime', '--instances', 'ins-zj0f57ew']);
    expect(result.code).toBe(0);
    const [row] = result.stdout.trim().split('\n');
    expect(row!.split('\t').slice(0, 3)).toEqual(['ins-zj0f57ew', 'SUCCESS', '0']);
  });

  it('prints the records as one JSON array with -o json', async () => {
    const env = await runEnv();
    const result = await env.tat(['run', 'uptime', '--instances', 'ins-zj0f57ew,ins-zj0f57ex', '-o', 'json']);
    expect((JSON.parse(result.stdout) as Record[]).map((r) => r.TaskStatus)).toEqual(['SUCCESS', 'SUCCESS']);
  });

  it('follows a run of 450 instances (three calls) as one: 450 records and one recap', async () => {
    const env = await runEnv();
    const targets = await env.onlineLinux(450);
    env.sent.length = 0;
    const result = await env.tat(['run', 'uptime', '--instances', targets.join(','), '-o', 'ndjson', '--quiet']);
    expect(result.code).toBe(0);
    expect(env.count('RunCommand')).toBe(3);
    const records = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record);
    expect(new Set(records.map((r) => r.InstanceId))).toEqual(new Set(targets));
    expect(new Set(records.map((r) => r.InvocationId)).size).toBe(3);
    expect(result.stderr).toBe('');
  });

  it('starts rolling batches one after the other, each once the previous has ended', async () => {
    const env = await runEnv();
    const targets = await env.onlineLinux(10);
    env.sent.length = 0;
    const result = await env.tat([
      'run',
      'uptime',
      '--instances',
      targets.join(','),
      '--batch-size',
      '40%',
      '-o',
      'ndjson',
    ]);
    expect(result.code).toBe(0);
    const calls = env.sent.filter((s) => s.action === 'RunCommand').map((s) => s.params.InstanceIds as string[]);
    expect(calls).toEqual([targets.slice(0, 4), targets.slice(4, 8), targets.slice(8)]);
    // Every record of a batch comes before the next batch is started.
    const order = result.stdout
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as Record).InstanceId);
    expect(order.slice(0, 4).sort()).toEqual(targets.slice(0, 4).sort());
    expect(order.slice(4, 8).sort()).toEqual(targets.slice(4, 8).sort());
  });
});

describe('failures', () => {
  it('exits 5 naming each instance that did not succeed, and the command that runs them again', async () => {
    const env = await runEnv();
    const script = 'echo deploying\n# on ins-zj0f57ex: exit 3\n# on ins-zj0f57ev: sleep 120';
    const result = await env.tat([
      'run',
      script,
      '--instances',
      'ins-zj0f57ew,ins-zj0f57ex,ins-zj0f57ev',
      '--command-timeout',
      '1m',
      '-o',
      'ndjson',
    ]);
    expect(result.code).toBe(5);
    const records = new Map(
      result.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as Record)
        .map((r) => [r.InstanceId, r]),
    );
    expect(records.get('ins-zj0f57ew')).toMatchObject({ TaskStatus: 'SUCCESS', ExitCode: 0, Output: 'deploying\n' });
    expect(records.get('ins-zj0f57ex')).toMatchObject({ TaskStatus: 'FAILED', ExitCode: 3 });
    expect(records.get('ins-zj0f57ev')).toMatchObject({ TaskStatus: 'TIMEOUT', ExitCode: -1 });
    const id = records.get('ins-zj0f57ew')!.InvocationId;
    expect(result.stderr).toContain(': 1 FAILED, 1 SUCCESS, 1 TIMEOUT.');
    expect(result.stderr).toMatch(/Did not succeed \(2\):\n {2}ins-zj0f57e[xv] {2}/);
    expect(result.stderr).toContain(`Run the failures again: tat invocations rerun ${id} --failed`);
    expect(result.stderr).toContain('error: 2 of 3 instances did not succeed');
  });

  it('--max-failures stops starting batches once passed, and names the instances never started', async () => {
    const env = await runEnv();
    const targets = await env.onlineLinux(20);
    env.sent.length = 0;
    // Two failures in the first batch of 5, one in the second: past --max-failures 2 after batch 2.
    const script = `echo ok\n# on ${targets[0]},${targets[3]},${targets[6]}: exit 1`;
    const result = await env.tat([
      'run',
      script,
      '--instances',
      targets.join(','),
      '--batch-size',
      '5',
      '--max-failures',
      '2',
      '-o',
      'ndjson',
    ]);
    expect(result.code).toBe(5);
    expect(env.count('RunCommand')).toBe(2);
    expect(env.sent.filter((s) => s.action === 'RunCommand').map((s) => s.params.InstanceIds)).toEqual([
      targets.slice(0, 5),
      targets.slice(5, 10),
    ]);
    expect(result.stdout.trim().split('\n')).toHaveLength(10);
    expect(result.stderr).toContain('Never started (10): --max-failures 2 was passed after batch 2 of 4');
    expect(result.stderr).toContain(targets[19]);
    expect(result.stderr).toContain(
      'error: --max-failures 2 stopped the run: 3 instances did not succeed, 10 never started',
    );
  });

  it('--max-failures 10% of 20 targets allows two failures: three batches of five succeed around them', async () => {
    const env = await runEnv();
    const targets = await env.onlineLinux(20);
    env.sent.length = 0;
    const script = `# on ${targets[1]},${targets[12]}: exit 1`;
    const result = await env.tat([
      'run',
      script,
      '--instances',
      targets.join(','),
      '--batch-size',
      '25%',
      '--max-failures',
      '10%',
      '-o',
      'ndjson',
      '--quiet',
    ]);
    expect(result.code).toBe(5);
    expect(env.count('RunCommand')).toBe(4);
    expect(result.stdout.trim().split('\n')).toHaveLength(20);
  });

  it('exits 6 when --max-wait runs out, naming what is still running, and starts no later batch', async () => {
    const env = await runEnv();
    const result = await env.tat([
      'run',
      'sleep 600',
      '--instances',
      'ins-zj0f57ew,ins-zj0f57ex',
      '--batch-size',
      '1',
      '--command-timeout',
      '1h',
      '--max-wait',
      '1m',
      '-o',
      'ndjson',
    ]);
    expect(result.code).toBe(6);
    expect(env.count('RunCommand')).toBe(1);
    expect(result.stderr).toContain('--max-wait (1m00s) ran out with 1 instance still running and 1 never started');
    expect(result.stderr).toMatch(/tat invocations wait inv-[0-9a-z]+ --exit-status/);
    // Not "Ran on 1 instance in 1m": it is still running.
    expect(result.stderr).toMatch(/Started on 1 instance and followed for \S+ \(inv-[0-9a-z]+\); still running on 1\./);
    expect(result.stderr).not.toContain('Ran on');
  });

  it('with a hidden parameter, the rerun hint asks for it again (never its value), and runs once given', async () => {
    const env = await runEnv();
    const result = await env.tat([
      'run',
      'echo {{tat-hidden:tok}} >/dev/null; exit 4',
      '--param',
      'tok=S3cretVal',
      '--instances',
      'ins-zj0f57ew',
    ]);
    expect(result.code).toBe(5);
    expect(result.stderr).toContain('error: 1 of 1 instance did not succeed');
    expect(result.stderr).not.toContain('S3cretVal');
    const hint = /Run the failures again: (tat invocations rerun inv-[0-9a-z]+ --failed --param tok=\.\.\.)\n/.exec(
      result.stderr,
    );
    expect(hint).not.toBeNull();
    const again = await env.tat([...hint![1]!.replace('tok=...', 'tok=S3cretVal').split(' ').slice(1), '--no-wait']);
    expect(again.stderr).toBe('');
    expect(again.code).toBe(0);
  });
});

describe('Ctrl+C', () => {
  it('stops following (exit 130), and says which batches were never started', async () => {
    const env = await runEnv();
    const controller = new AbortController();
    const { nodeFetch } = await import('../../src/http.js');
    const real = nodeFetch();
    const result = await env.tat(
      [
        'run',
        'sleep 600',
        '--instances',
        'ins-zj0f57ew,ins-zj0f57ex,ins-zj0f57ev',
        '--batch-size',
        '1',
        '--command-timeout',
        '1h',
      ],
      {
        signal: controller.signal,
        fetch: async (url, init) => {
          if (init.headers?.['X-TC-Action'] === 'DescribeInvocations') controller.abort('SIGINT');
          return real(url, init);
        },
      },
    );
    expect(result.code).toBe(130);
    expect(result.stderr).toContain('The later batches were not started: 2 instances (ins-zj0f57ex, ins-zj0f57ev).');
    expect(result.stderr).toContain('The invocations keep running on their instances');
  });
});

describe('an agent that goes offline during a rolling run', () => {
  async function runWithOneGoingOffline(extra: string[]) {
    const env = await runEnv();
    const targets = await env.onlineLinux(4);
    env.sent.length = 0;
    const { nodeFetch } = await import('../../src/http.js');
    const real = nodeFetch();
    let writes = 0;
    const result = await env.tat(
      ['run', 'uptime', '--instances', targets.join(','), '--batch-size', '2', '-o', 'ndjson', ...extra],
      {
        fetch: async (url, init) => {
          const action = init.headers?.['X-TC-Action'];
          if (action === 'RunCommand') writes++;
          env.sent.push({ action: action ?? '', params: JSON.parse(init.body ?? '{}') as { [key: string]: unknown } });
          const answer = await real(url, init);
          if (action !== 'DescribeAutomationAgentStatus' || writes === 0) return answer;
          // After the first batch started: the last target's agent is now offline.
          const chunks: Buffer[] = [];
          for await (const chunk of answer.body ?? []) chunks.push(Buffer.from(chunk));
          const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
            Response: { AutomationAgentSet: Array<{ InstanceId: string; AgentStatus: string }> };
          };
          for (const agent of body.Response.AutomationAgentSet)
            if (agent.InstanceId === targets[3]) agent.AgentStatus = 'Offline';
          return new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });
        },
      },
    );
    return { env, targets, result };
  }

  it('is asked about again before each later batch, and stops the run there (exit 5)', async () => {
    const { env, targets, result } = await runWithOneGoingOffline([]);
    expect(result.code).toBe(5);
    expect(env.sent.filter((s) => s.action === 'RunCommand').map((s) => s.params.InstanceIds)).toEqual([
      targets.slice(0, 2),
    ]);
    expect(
      env.sent.filter((s) => s.action === 'DescribeAutomationAgentStatus').map((s) => s.params.InstanceIds),
    ).toEqual([targets, targets.slice(2)]);
    expect(result.stderr).toContain(`by batch 2 of 2, 1 instance could no longer run it (${targets[3]}: Offline)`);
  });

  it('with --skip-offline runs the batch on the others and names the skipped one', async () => {
    const { env, targets, result } = await runWithOneGoingOffline(['--skip-offline']);
    expect(result.code).toBe(0);
    expect(env.sent.filter((s) => s.action === 'RunCommand').map((s) => s.params.InstanceIds)).toEqual([
      targets.slice(0, 2),
      [targets[2]],
    ]);
    expect(result.stderr).toContain(`Skipped (--skip-offline, 1): ${targets[3]} (Offline)`);
  });
});

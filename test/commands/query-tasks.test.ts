import { describe, expect, it } from '@jest/globals';
import { runCli } from '../helpers/cli.js';
import { fakeApi } from '../helpers/fake-api.js';
import { task, tasksFound } from '../helpers/tasks.js';

const failed = task('invt-jc2onrxm', 'ins-zj0f57ex', { TaskStatus: 'FAILED', exitCode: 127 });
const listed = [task('invt-kakne8h2', 'ins-zj0f57ew'), failed];

describe('--query on tasks', () => {
  it('tasks list: the expression runs over the array of API objects, as tsv rows', async () => {
    const api = fakeApi().expect(
      'DescribeInvocationTasks',
      { Offset: 0, Limit: 20, HideOutput: true },
      tasksFound(listed),
    );
    const result = await runCli(['tasks', 'list', '--query', '[].[InstanceId, TaskResult.ExitCode]', '-o', 'tsv'], {
      fetch: api.fetch,
    });
    api.verify();
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('ins-zj0f57ew\t0\nins-zj0f57ex\t127\n');
  });

  it('tasks list: a filter expression prints JSON by default', async () => {
    const api = fakeApi().expect(
      'DescribeInvocationTasks',
      { Offset: 0, Limit: 20, HideOutput: true },
      tasksFound(listed),
    );
    const result = await runCli(['tasks', 'list', '--query', "[?TaskStatus=='FAILED'].InvocationTaskId"], {
      fetch: api.fetch,
    });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(['invt-jc2onrxm']);
  });

  it('tasks get of one id queries the bare object', async () => {
    const api = fakeApi().expect(
      'DescribeInvocationTasks',
      { InvocationTaskIds: ['invt-jc2onrxm'], Limit: 100, HideOutput: false },
      tasksFound([failed]),
    );
    const result = await runCli(
      ['tasks', 'get', 'invt-jc2onrxm', '--query', '{status: TaskStatus, code: TaskResult.ExitCode}', '-o', 'tsv'],
      { fetch: api.fetch },
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('FAILED\t127\n');
  });

  it('a bad expression on tasks list is exit 2 before any request', async () => {
    const api = fakeApi();
    const bad = await runCli(['tasks', 'list', '--query', '[?TaskStatus=='], { fetch: api.fetch });
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toContain('is not a valid JMESPath expression');
    api.verify();
  });
});

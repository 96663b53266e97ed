import { describe, expect, it } from '@jest/globals';
import { ApiError } from '../../src/errors.js';

// The hint under an API error names what to check: a write refused for a bad value points at the
// flags that filled it, not at the listing flags of `invocations list`.
describe('API error hints name the command whose flags filled the request', () => {
  const hint = (code: string, action: string): string => new ApiError(code, 'bad', 'req-1', action).hint ?? '';

  it.each([
    ['RunCommand', 'InvalidParameterValue.InvalidWorkingDirectory', '`tat run --help`'],
    ['InvokeCommand', 'InvalidParameterValue.ParameterDisabled', '`tat commands get ID`'],
    ['CancelInvocation', 'InvalidParameterValue.InstanceIsNotRelatedToInvocation', '`tat invocations tasks ID`'],
    ['DescribeCommands', 'InvalidParameterValue', '`tat commands list --help`'],
    ['DescribeAutomationAgentStatus', 'InvalidParameterValue.LimitExceeded', '`tat agents list --help`'],
  ])('%s %s', (action, code, expected) => {
    expect(hint(code, action)).toContain(expected);
    expect(hint(code, action)).not.toContain('tat invocations list --help');
  });

  it('keeps the listing hint for the invocation reads', () => {
    expect(hint('InvalidParameterValue.InvalidFilter', 'DescribeInvocations')).toContain(
      '`tat invocations list --help`',
    );
  });

  it('does not offer a read-only policy for a write refused by CAM', () => {
    expect(hint('UnauthorizedOperation', 'RunCommand')).toContain('allowed to call RunCommand');
    expect(hint('UnauthorizedOperation', 'RunCommand')).toContain('is not enough');
    expect(hint('UnauthorizedOperation', 'DescribeInvocations')).toContain('CAM policy QcloudTATReadOnlyAccess');
  });
});

/**
 * The official Python SDK (tencentcloud-sdk-python 3.1.x, common/abstract_client.py) and tccli
 * (which drives it: services/tat/tat_client.py) reach the emulator. Python is not needed: each
 * request here is built and signed the way that code builds and signs it, independently of
 * tat's signer, and sent with the same headers.
 *
 * What that code does (`_build_req_with_tc3_signature`, `_get_tc3_signature`):
 * - `Host` header = the HttpProfile endpoint verbatim, and the canonical `host:` line is that
 *   same string. `HttpProfile(protocol="http", endpoint="127.0.0.1:PORT")` → `127.0.0.1:PORT`;
 *   tccli passes `--endpoint` verbatim and leaves the protocol https, so it needs
 *   `--endpoint http://127.0.0.1:PORT`, whose scheme then also ends up in `Host` and is signed.
 * - service = the client's own (`tat` for TatClient and for CommonClient("tat", ...)), never
 *   derived from the host; SignedHeaders `content-type;host`; Content-Type `application/json`;
 *   body `json.dumps(params)` (with a space after `:` and `,`).
 * - `profile.unsignedPayload = True` sends `X-TC-Content-SHA256: UNSIGNED-PAYLOAD` and hashes the
 *   string "UNSIGNED-PAYLOAD" instead of the body (the Go SDK does the same:
 *   `sha256hex("UNSIGNED-PAYLOAD")`).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash, createHmac } from 'node:crypto';
import { DEMO_SECRET_ID, DEMO_SECRET_KEY, type RunningEmulator } from '../../src/emulator/index.js';
import { rawRequest, start } from './helpers.js';

const sha256hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');
const hmac = (key: string | Buffer, msg: string): Buffer => createHmac('sha256', key).update(msg, 'utf8').digest();

interface PythonRequest {
  /** HttpProfile.endpoint (or tccli's --endpoint), verbatim. */
  endpoint: string;
  action: string;
  /** What json.dumps(params) gives. */
  body: string;
  unsignedPayload?: boolean;
  requestClient: string;
  timestamp: number;
  secretKey?: string;
}

/** Headers as `_build_req_with_tc3_signature` sets them, signed as `_get_tc3_signature` signs. */
function pythonSdkHeaders(r: PythonRequest): Record<string, string> {
  const header: Record<string, string> = {
    'Content-Type': 'application/json',
    Host: r.endpoint,
    'X-TC-Action': r.action,
    'X-TC-RequestClient': r.requestClient,
    'X-TC-Timestamp': String(r.timestamp),
    'X-TC-Version': '2020-10-28',
  };
  if (r.unsignedPayload) header['X-TC-Content-SHA256'] = 'UNSIGNED-PAYLOAD';
  header['X-TC-Region'] = 'ap-guangzhou';
  const service = 'tat';
  const date = new Date(r.timestamp * 1000).toISOString().slice(0, 10);
  const payload = header['X-TC-Content-SHA256'] === 'UNSIGNED-PAYLOAD' ? 'UNSIGNED-PAYLOAD' : r.body;
  const canonicalHeaders = `content-type:${header['Content-Type']}\nhost:${header.Host}\n`;
  const canonicalRequest = ['POST', '/', '', canonicalHeaders, 'content-type;host', sha256hex(payload)].join('\n');
  const credentialScope = `${date}/${service}/tc3_request`;
  const string2sign = ['TC3-HMAC-SHA256', header['X-TC-Timestamp'], credentialScope, sha256hex(canonicalRequest)].join(
    '\n',
  );
  const signing = hmac(hmac(hmac(`TC3${r.secretKey ?? DEMO_SECRET_KEY}`, date), service), 'tc3_request');
  const signature = createHmac('sha256', signing).update(string2sign, 'utf8').digest('hex');
  header.Authorization = `TC3-HMAC-SHA256 Credential=${DEMO_SECRET_ID}/${date}/${service}/tc3_request, SignedHeaders=content-type;host, Signature=${signature}`;
  return header;
}

describe('the official Python SDK and tccli, as their code signs', () => {
  let emu: RunningEmulator;
  let hostPort: string;
  beforeAll(async () => {
    emu = await start();
    hostPort = new URL(emu.url).host;
  });
  afterAll(() => emu.close());

  const send = async (r: Omit<PythonRequest, 'timestamp'>, sentBody = r.body) => {
    const res = await rawRequest(
      emu.url,
      'POST',
      '/',
      pythonSdkHeaders({ ...r, timestamp: Math.floor(Date.now() / 1000) }),
      sentBody,
    );
    expect(res.status).toBe(200);
    return (JSON.parse(res.text) as { Response: { Error?: { Code: string }; TotalCount?: number } }).Response;
  };
  const body = '{"InvocationIds": ["inv-q4zp60g0"]}';

  it('Python SDK, HttpProfile(protocol="http", endpoint="127.0.0.1:PORT"): Host and signed host carry the port', async () => {
    const answer = await send({
      endpoint: hostPort,
      action: 'DescribeInvocations',
      body,
      requestClient: 'SDK_PYTHON_3.1.162',
    });
    expect(answer).toMatchObject({ TotalCount: 1 });
    expect(answer.Error).toBeUndefined();
  });

  it('tccli tat DescribeInvocations --endpoint http://127.0.0.1:PORT: Host and signed host include "http://"', async () => {
    const answer = await send({
      endpoint: `http://${hostPort}`,
      action: 'DescribeInvocations',
      body,
      requestClient: 'SDK_PYTHON_3.1.162; _CLI_3.1.155.1',
    });
    expect(answer).toMatchObject({ TotalCount: 1 });
    expect(answer.Error).toBeUndefined();
  });

  it("docs/emulator.md's recipes for DescribeAutomationAgentStatus and DescribeCommands, from either (json.dumps spacing)", async () => {
    const offline = '{"Filters": [{"Name": "agent-status", "Values": ["Offline"]}]}';
    const publicOnes = '{"Filters": [{"Name": "created-by", "Values": ["TAT"]}]}';
    for (const [endpoint, requestClient] of [
      [hostPort, 'SDK_PYTHON_3.1.162'],
      [`http://${hostPort}`, 'SDK_PYTHON_3.1.162; _CLI_3.1.155.1'],
    ] as const) {
      const agents = await send({ endpoint, action: 'DescribeAutomationAgentStatus', body: offline, requestClient });
      expect(agents.Error).toBeUndefined();
      expect(agents.TotalCount).toBe(5);
      const commands = await send({ endpoint, action: 'DescribeCommands', body: publicOnes, requestClient });
      expect(commands.Error).toBeUndefined();
      expect(commands.TotalCount).toBe(3);
    }
  });

  it("docs/emulator.md's recipes for RunCommand (custom parameters) and CancelInvocation, from either", async () => {
    const online = await send({
      endpoint: hostPort,
      action: 'DescribeAutomationAgentStatus',
      body: '{"Filters": [{"Name": "agent-status", "Values": ["Online"]}, {"Name": "environment", "Values": ["Linux"]}], "Limit": 100}',
      requestClient: 'x',
    });
    const target = (online as unknown as { AutomationAgentSet: Array<{ InstanceId: string }> }).AutomationAgentSet.find(
      (a) => a.InstanceId.startsWith('ins-'),
    )!.InstanceId;
    const content = Buffer.from('echo {{greeting}} from $(hostname)').toString('base64');
    for (const [endpoint, requestClient] of [
      [hostPort, 'SDK_PYTHON_3.1.162'],
      [`http://${hostPort}`, 'SDK_PYTHON_3.1.162; _CLI_3.1.155.1'],
    ] as const) {
      // As json.dumps writes the request: ", " and ": " separators, Parameters a JSON string inside.
      const run = await send({
        endpoint,
        action: 'RunCommand',
        body: `{"Content": "${content}", "InstanceIds": ["${target}"], "EnableParameter": true, "Parameters": "{\\"greeting\\": \\"hello\\"}"}`,
        requestClient,
      });
      expect(run.Error).toBeUndefined();
      const id = (run as unknown as { InvocationId: string }).InvocationId;
      expect(id).toMatch(/^inv-/);
      const cancel = await send({
        endpoint,
        action: 'CancelInvocation',
        body: `{"InvocationId": "${id}"}`,
        requestClient,
      });
      expect(cancel.Error).toBeUndefined();
      const listed = await send({
        endpoint,
        action: 'DescribeInvocations',
        body: `{"InvocationIds": ["${id}"]}`,
        requestClient,
      });
      const inv = (listed as unknown as { InvocationSet: Array<{ InvocationStatus: string; Parameters: string }> })
        .InvocationSet[0];
      expect(inv?.Parameters).toBe('{"greeting":"hello"}');
      // Cancelled before it started (the clock is real here: CANCELLED half a second later).
      expect(['CANCELLING', 'CANCELLED']).toContain(inv?.InvocationStatus);
    }
  });

  it('X-TC-Content-SHA256: UNSIGNED-PAYLOAD (ClientProfile(unsignedPayload=True)), from either', async () => {
    for (const endpoint of [hostPort, `http://${hostPort}`]) {
      const answer = await send({
        endpoint,
        action: 'DescribeInvocationTasks',
        body: '{"Limit": 2, "HideOutput": false}',
        unsignedPayload: true,
        requestClient: 'SDK_PYTHON_3.1.162',
      });
      expect(answer.Error).toBeUndefined();
      expect(answer.TotalCount).toBeGreaterThan(0);
    }
  });

  it('still checks everything else: a wrong key, or a body hash claimed but not matching what was signed', async () => {
    expect(
      (await send({ endpoint: hostPort, action: 'DescribeInvocations', body, requestClient: 'x', secretKey: 'wrong' }))
        .Error?.Code,
    ).toBe('AuthFailure.SignatureFailure');
    // Signed over the body, sent as UNSIGNED-PAYLOAD: the hashes differ.
    const signedOverBody = pythonSdkHeaders({
      endpoint: hostPort,
      action: 'DescribeInvocations',
      body,
      requestClient: 'x',
      timestamp: Math.floor(Date.now() / 1000),
    });
    const res = await rawRequest(
      emu.url,
      'POST',
      '/',
      { ...signedOverBody, 'X-TC-Content-SHA256': 'UNSIGNED-PAYLOAD' },
      body,
    );
    expect(JSON.parse(res.text).Response.Error.Code).toBe('AuthFailure.SignatureFailure');
    // A host other than the one received is not accepted just because it has a scheme.
    const elsewhere = pythonSdkHeaders({
      endpoint: 'http://tat.example.com:9000',
      action: 'DescribeInvocations',
      body,
      requestClient: 'x',
      timestamp: Math.floor(Date.now() / 1000),
    });
    const moved = await rawRequest(emu.url, 'POST', '/', { ...elsewhere, Host: `http://${hostPort}` }, body);
    expect(JSON.parse(moved.text).Response.Error.Code).toBe('AuthFailure.SignatureFailure');
  });
});

#!/usr/bin/env node
// The reference for `tat invocations list -o json`: the same call in a plain script through the
// official Node SDK (tencentcloud-sdk-nodejs-common), printing the same JSON. Reads the emulator's
// address and keys from the same variables tat does.
import { Agent } from 'node:http';
import tc from 'tencentcloud-sdk-nodejs-common';

const endpoint = new URL(process.env.TAT_ENDPOINT);
// The SDK signs its endpoint's host name; an agent that resolves every name to the emulator's.
const agent = new Agent({
  keepAlive: false,
  lookup: (_host, options, callback) => (options?.all ? callback(null, [{ address: endpoint.hostname, family: 4 }]) : callback(null, endpoint.hostname, 4)),
});
const host = `tat.tencentcloudapi.com:${endpoint.port}`;
const client = new tc.CommonClient(host, '2020-10-28', {
  credential: { secretId: process.env.TENCENTCLOUD_SECRET_ID, secretKey: process.env.TENCENTCLOUD_SECRET_KEY },
  region: process.env.TENCENTCLOUD_REGION,
  profile: { httpProfile: { protocol: 'http://', endpoint: host, agent, reqTimeout: 30 } },
});
const response = await client.request('DescribeInvocations', { Limit: 20, Offset: 0 });
process.stdout.write(`${JSON.stringify(response.InvocationSet, null, 2)}\n`);

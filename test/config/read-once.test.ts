/** One run reads each configuration file once: settings and credentials see the same contents. */
import { expect, it } from '@jest/globals';
import { configPaths, credentialProvider, resolveSettings } from '../../src/config/index.js';
import { harness, itPrintsNoSecrets, SECRETS, writeTatConfig } from './helpers.js';

it('a file changed between reading settings and credentials does not mix two versions', async () => {
  const h = harness();
  writeTatConfig(h, { default: { 'secret-id': SECRETS.tat.id, 'secret-key': SECRETS.tat.key, region: 'ap-tokyo' } });
  const paths = configPaths(h.deps);
  const settings = await resolveSettings({}, h.deps, paths);
  // Another process rewrites the file mid-run.
  writeTatConfig(h, { default: { 'secret-id': SECRETS.sdk.id, 'secret-key': SECRETS.sdk.key, region: 'ap-seoul' } });
  const credentials = await credentialProvider({}, h.deps, undefined, paths)();
  expect(settings.region).toBe('ap-tokyo');
  expect(credentials.secretId).toBe(SECRETS.tat.id);
  expect([...paths.reads.keys()]).toContain(paths.configFile);
  // A new run (new paths) sees the new file.
  expect((await resolveSettings({}, h.deps)).region).toBe('ap-seoul');
  await h.stderr.write('read once\n');
});

itPrintsNoSecrets();
